// The captcha's "Another picture" button: asks the captcha library for a new key and picture and
// points the hidden key, the picture and the "Listen" link at it. Without JavaScript, reloading the
// page gives a new picture too.
(function () {
  "use strict";
  function refresh(box) {
    var form = box.closest("form") || document;
    var request = new XMLHttpRequest();
    request.open("GET", box.dataset.refreshUrl);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.onload = function () {
      if (request.status !== 200) { return; }
      var data = JSON.parse(request.responseText);
      box.querySelector("img.captcha").src = data.image_url;
      var hidden = form.querySelector("input[type=hidden][name$='captcha_0']");
      if (hidden) { hidden.value = data.key; }
      var listen = box.querySelector("a.captcha-listen");
      var lang = new URL(listen.href, window.location.href).searchParams.get("lang") || "vi";
      listen.href = box.dataset.spokenBase.replace("KEY", data.key) + "?lang=" + encodeURIComponent(lang);
      var input = form.querySelector("input[type=text][name$='captcha_1']");
      if (input) { input.value = ""; input.focus(); }
    };
    request.send();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".captcha-refresh");
    if (button) { event.preventDefault(); refresh(button.closest(".captcha-box")); }
  });
})();
