/* The menu on narrow screens: a button opens and closes the main and staff menus. Without script (or on
   wide screens) the menus are simply shown; the button appears only once this file has run. No inline
   script: the CSP allows only files of the site. */
(function () {
  "use strict";
  function setUp() {
    var button = document.querySelector(".menu-toggle");
    if (!button) { return; }
    var root = document.documentElement;
    root.classList.add("has-menu-toggle");
    button.hidden = false;
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      root.classList.toggle("menu-open", open);
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && root.classList.contains("menu-open")) {
        set(false);
        button.focus();
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
})();
