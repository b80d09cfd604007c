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
