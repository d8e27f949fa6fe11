// The console works without this file. With it: findings and previews follow the text as it is typed, template
// blanks fill in place, and promised update times count down. No library, no build step, nothing from elsewhere.
(function () {
  "use strict";
  var form = document.getElementById("compose");
  var live = document.getElementById("live");
  if (form && live && window.fetch && window.DOMParser) {
    var timer = 0, sent = 0;
    var refresh = function () {
      var data = new FormData(form);
      data.set("action", "check");
      var mine = ++sent;
      fetch(form.getAttribute("action"), { method: "POST", body: new URLSearchParams(data), credentials: "same-origin", headers: { "X-Console-Live": "1" } })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (mine !== sent) return; // a newer request is on its way
          var next = new DOMParser().parseFromString(html, "text/html").getElementById("live");
          if (next) live.innerHTML = next.innerHTML;
        })
        .catch(function () { /* keep the last preview; the buttons still work */ });
    };
    var soon = function () { clearTimeout(timer); timer = setTimeout(refresh, 350); };
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    // Blanks fill in place: typing in a field replaces its [[name]] in the message (the text stays the comms lead's).
    var inputs = form.querySelectorAll("input[data-placeholder]");
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].addEventListener("change", function (e) {
        var body = document.getElementById("body"), field = e.target;
        if (field.value && body.value.indexOf(field.getAttribute("data-placeholder")) >= 0) {
          body.value = body.value.split(field.getAttribute("data-placeholder")).join(field.value.trim());
          soon();
        }
      });
    }
  }
  // Countdowns: "Next update due in 12 minutes", loud once due or overdue.
  var promises = document.querySelectorAll("[data-next]");
  var minutes = function (ms) { var m = Math.round(Math.abs(ms) / 60000); return m < 1 ? "less than a minute" : m === 1 ? "1 minute" : m + " minutes"; };
  var tick = function () {
    for (var j = 0; j < promises.length; j++) {
      var p = promises[j], at = Date.parse(p.getAttribute("data-next"));
      if (isNaN(at)) continue;
      var left = at - Date.now(), clock = new Date(at).toISOString().substr(11, 5) + " UTC";
      var state = left <= 0 ? "overdue" : left <= 300000 ? "duesoon" : "kept";
      var text = left <= 0 ? "Update overdue by " + minutes(left) + ": customers were promised one by " + clock : "Next update due in " + minutes(left) + " (by " + clock + ")";
      var strong = p.querySelector("strong");
      if (strong && strong.textContent !== text) strong.textContent = text;
      var card = p.closest(".card") || p;
      card.className = card.className.replace(/promise-\w+/, "") + " promise-" + state;
    }
  };
  if (promises.length) { tick(); setInterval(tick, 15000); }
})();
