// Optional: shows each time in the reader's own time zone. The page is complete without it: every <time> carries
// its UTC instant in datetime and says it in UTC; this only rewrites the text and keeps the UTC form as a tooltip.
(function () {
  if (!window.Intl || !document.querySelectorAll) return;
  // A reader at UTC+0 now (UTC itself, London in winter) reads the times as written: no formatter to load.
  if (new Date().getTimezoneOffset() === 0) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "UTC" || zone === "Etc/UTC") return;
  var full = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  var clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  var times = document.querySelectorAll("time[datetime]");
  for (var i = 0; i < times.length; i++) {
    var t = times[i], value = t.getAttribute("datetime");
    if (value.length <= 10 || !/UTC$/.test(t.textContent)) continue; // dates, durations: nothing to convert
    var d = new Date(value);
    if (isNaN(d.getTime())) continue;
    t.title = t.textContent;
    t.textContent = (t.textContent.indexOf(",") > 0 ? full : clock).format(d);
  }
  var note = document.getElementById("tz");
  if (note) note.textContent = "Times are in your time zone (" + zone + "); hover over one to see it in UTC.";
})();
