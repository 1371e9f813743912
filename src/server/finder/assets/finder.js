// The finder works without this file. It adds: search as you type, read-aloud, and
// telling a page that embeds the finder in a frame how tall it is (see docs/finder.md).
(function () {
  'use strict';

  // --- frame height -----------------------------------------------------------
  if (window.parent !== window) {
    var lastHeight = 0;
    var tell = function () {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === lastHeight) return;
      lastHeight = height;
      // Only the height travels; it is no secret, so any embedding page may hear it.
      window.parent.postMessage({ type: 'inloop-finder:height', height: height, href: location.href }, '*');
    };
    if ('ResizeObserver' in window) new ResizeObserver(tell).observe(document.documentElement);
    window.addEventListener('load', tell);
    tell();
  }

  // --- search as you type -------------------------------------------------------
  var form = document.querySelector('form[data-live-search]');
  var results = document.getElementById('results');
  if (form && results && window.fetch && window.DOMParser) {
    var timer = 0;
    var controller = null;
    var run = function () {
      var params = new URLSearchParams(new FormData(form));
      var url = form.action + '?' + params.toString();
      if (controller) controller.abort();
      controller = 'AbortController' in window ? new AbortController() : null;
      fetch(url, controller ? { signal: controller.signal } : {})
        .then(function (r) {
          return r.text();
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('results');
          if (!fresh) return;
          results.innerHTML = fresh.innerHTML;
          history.replaceState(null, '', url);
        })
        .catch(function () {
          /* the form still works: Enter sends it */
        });
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
  }

  // --- read aloud -----------------------------------------------------------------
  var main = document.getElementById('main');
  if (main && 'speechSynthesis' in window) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary read-aloud';
    var readLabel = document.body.getAttribute('data-read-aloud');
    var stopLabel = document.body.getAttribute('data-stop-reading');
    button.textContent = readLabel;
    var speaking = false;
    var stop = function () {
      speechSynthesis.cancel();
      speaking = false;
      button.textContent = readLabel;
    };
    button.addEventListener('click', function () {
      if (speaking) return stop();
      speaking = true;
      button.textContent = stopLabel;
      // Each block in its own language, so Dutch text shown as fallback is read by a Dutch voice.
      var blocks = main.querySelectorAll('h1, h2, h3, p, li, dt, dd');
      var queue = [];
      for (var i = 0; i < blocks.length; i++) {
        var el = blocks[i];
        if (el.closest('.hp, form') || !el.textContent.trim()) continue;
        if (el.tagName === 'P' && el.closest('li')) continue;
        var u = new SpeechSynthesisUtterance(el.textContent.trim());
        u.lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang');
        queue.push(u);
      }
      if (!queue.length) return stop();
      queue[queue.length - 1].onend = stop;
      queue.forEach(function (u) {
        speechSynthesis.speak(u);
      });
    });
    var h1 = main.querySelector('h1');
    if (h1) h1.insertAdjacentElement('afterend', button);
  }
})();
