// Zoom and pan for the world map: the SVG's viewBox is the view; no library needed.
(function () {
  "use strict";
  var svg = document.getElementById("world");
  if (!svg) { return; }
  var full = { x: 0, y: 0, w: 360, h: 180 };
  var view = { x: 0, y: 0, w: 360, h: 180 };

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    svg.dataset.zoom = (full.w / view.w).toFixed(2);
  }

  function zoom(factor, cx, cy) {
    var w = Math.min(full.w, Math.max(4, view.w / factor));
    var h = w * full.h / full.w;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * (w / view.w);
    view.y = cy - (cy - view.y) * (h / view.h);
    view.w = w; view.h = h;
    clamp(); apply();
  }

  function clamp() {
    view.x = Math.min(Math.max(view.x, full.x - view.w / 2), full.w - view.w / 2);
    view.y = Math.min(Math.max(view.y, full.y - view.h / 2), full.h - view.h / 2);
  }

  function toMap(event) {
    var box = svg.getBoundingClientRect();
    var scale = Math.max(view.w / box.width, view.h / box.height);
    return { x: view.x + (event.clientX - box.left) * scale,
             y: view.y + (event.clientY - box.top) * scale, scale: scale };
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var at = toMap(event);
    zoom(event.deltaY < 0 ? 1.25 : 0.8, at.x, at.y);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y }, scale: toMap(event).scale };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    view.x = drag.view.x - (event.clientX - drag.x) * drag.scale;
    view.y = drag.view.y - (event.clientY - drag.y) * drag.scale;
    clamp(); apply();
  });
  window.addEventListener("pointerup", function () { drag = null; });

  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var how = button.getAttribute("data-zoom");
      if (how === "in") { zoom(1.5); }
      else if (how === "out") { zoom(1 / 1.5); }
      else { view = { x: 0, y: 0, w: 360, h: 180 }; apply(); }
    });
  });
  apply();
}());
