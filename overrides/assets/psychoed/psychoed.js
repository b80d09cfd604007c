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
