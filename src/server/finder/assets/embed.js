// Include on the library's own page next to the finder's <iframe data-inloop-finder>
// (see docs/finder.md): the frame then takes the height of its content.
(function () {
  'use strict';
  var origin = new URL(document.currentScript.src).origin;
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !event.data || event.data.type !== 'inloop-finder:height') return;
    var frames = document.querySelectorAll('iframe[data-inloop-finder]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.min(Math.max(event.data.height, 200), 20000) + 'px';
    }
  });
})();
