/* Money inputs (core.forms.MoneyInput, `data-money`) grouped by thousands while typing: dots on
   Vietnamese pages (1.234.567), commas on English and Chinese ones. The server reads either grouping.
   Loaded as a file (no inline script) so that the content security policy holds. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "vi").toLowerCase();
  var separator = lang.indexOf("vi") === 0 ? "." : ",";

  function group(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function reformat(input) {
    var before = input.value;
    var caret = input.selectionStart === null ? before.length : input.selectionStart;
    // Count the digits left of the caret, so that the caret stays after the same digit.
    var digitsLeft = before.slice(0, caret).replace(/\D/g, "").length;
    var digits = before.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
    if (!/^\d*$/.test(before.replace(/[.,\s\u00a0]/g, ""))) {
      return; // something other than digits and separators: leave it for the server to explain
    }
    var after = group(digits);
    if (after === before) {
      return;
    }
    input.value = after;
    var position = 0;
    var seen = 0;
    while (position < after.length && seen < digitsLeft) {
      if (/\d/.test(after.charAt(position))) {
        seen += 1;
      }
      position += 1;
    }
    if (document.activeElement === input) {
      input.setSelectionRange(position, position);
    }
  }

  function bind(root) {
    var inputs = root.querySelectorAll("input[data-money]");
    for (var i = 0; i < inputs.length; i += 1) {
      if (!inputs[i].dataset.moneyBound) {
        inputs[i].dataset.moneyBound = "1";
        inputs[i].addEventListener("input", function (event) { reformat(event.target); });
        reformat(inputs[i]);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:afterSwap", function (event) { bind(event.target); });
})();
