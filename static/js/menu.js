/* The phone menu is a <details> disclosure, which works without script; this adds closing it with Escape (focus back
   on its button) and by a tap outside it. */
(function () {
    "use strict";
    var menu = document.querySelector("[data-site-menu]");
    if (!menu) { return; }
    var button = menu.querySelector("summary");
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) {
            menu.open = false;
            button.focus();
        }
    });
    document.addEventListener("click", function (event) {
        if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
}());
