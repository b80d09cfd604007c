/*
 * Material's menu button (phones, and desktops zoomed to 200%) is a <label> for a
 * hidden checkbox, so the keyboard cannot reach it and screen readers hear no name;
 * giving the label a button's role is not allowed on a <label>. So it is replaced by
 * a real button, with the same look and icon, that works the checkbox: a name, Enter
 * and Space, and whether the menu is open, all from the browser.
 */
document.querySelectorAll('label.md-header__button[for="__drawer"]').forEach(function (label) {
  var toggle = document.getElementById("__drawer");
  if (!toggle) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " psy-menu-button";
  button.setAttribute("aria-label", label.getAttribute("aria-label") || "Menu");
  button.setAttribute("aria-expanded", String(toggle.checked));
  while (label.firstChild) button.appendChild(label.firstChild);
  button.addEventListener("click", function () {
    toggle.click();
  });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(toggle.checked));
  });
  label.replaceWith(button);
});
