/*
 * Close Material's search when keyboard focus leaves it. Material opens search
 * when its field is focused but leaves it open after Tab moves on, so its
 * overlay would dim whatever the reader tabs to next (WCAG 2.4.11).
 */
document.addEventListener("focusin", function (event) {
  var toggle = document.querySelector('input[data-md-toggle="search"]');
  if (!toggle || !toggle.checked || event.target.closest(".md-search")) return;
  toggle.checked = false;
  toggle.dispatchEvent(new Event("change"));
});

/*
 * Material's menu button (phones, and desktops zoomed to 200%) is a <label> for a
 * hidden checkbox, so the keyboard cannot reach it and screen readers hear no name.
 * Make it a named button. Material's keyboard handler already clicks a focused
 * label on Enter; Space, which buttons also answer to, is added here.
 */
document.querySelectorAll('label.md-header__button[for="__drawer"]').forEach(function (label) {
  var toggle = document.getElementById("__drawer");
  if (!toggle) return;
  label.setAttribute("role", "button");
  label.setAttribute("tabindex", "0");
  label.setAttribute("aria-label", label.getAttribute("aria-label") || "Menu");
  label.setAttribute("aria-expanded", String(toggle.checked));
  toggle.addEventListener("change", function () {
    label.setAttribute("aria-expanded", String(toggle.checked));
  });
  label.addEventListener("keydown", function (event) {
    if (event.key !== " ") return;
    event.preventDefault();
    label.click();
  });
});
