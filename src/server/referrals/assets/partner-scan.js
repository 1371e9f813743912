// The partner page works without this file: typing the code is always there. This adds
// "Scan de code": the camera reads the QR code on the visitor's card (docs/referrals.md).
// BarcodeDetector where the browser has one for QR codes; else jsQR in a worker
// (partner-scan-worker.js), fetched only when a scan starts.
(function () {
  'use strict';

  var box = document.getElementById('scan');
  var form = document.querySelector('form.partner-lookup');
  var input = document.getElementById('code');
  if (!box || !form || !input || !window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;

  var start = box.querySelector('[data-scan-start]');
  var stop = box.querySelector('[data-scan-stop]');
  var video = box.querySelector('video');
  var status = box.querySelector('[data-scan-status]');
  var say = function (key, code) {
    status.textContent = (box.getAttribute('data-' + key) || '').replace('{{code}}', code || '');
  };

  // The card's QR code holds <server>/verwijzing/<code>[?lang=..]; a bare code is taken too.
  var ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  function codeOf(text) {
    var raw = String(text || '').trim();
    var m = /\/verwijzing\/([^/?#]+)/.exec(raw);
    var code = (m ? decodeURIComponent(m[1]) : raw).toUpperCase().replace(/[\s-]/g, '');
    if (code.length !== 8) return null;
    for (var i = 0; i < code.length; i++) if (ALPHABET.indexOf(code[i]) < 0) return null;
    return code.slice(0, 4) + '-' + code.slice(4);
  }

  var stream = null;
  var timer = 0;
  var worker = null;
  var busy = false;
  var canvas = document.createElement('canvas');

  function end() {
    clearTimeout(timer);
    if (stream)
      stream.getTracks().forEach(function (t) {
        t.stop();
      });
    stream = null;
    busy = false;
    video.srcObject = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  function found(text) {
    var code = codeOf(text);
    if (!code) return say('not-a-card');
    end();
    say('found', code);
    input.value = code;
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
    return true;
  }

  /** One way to read a frame: resolves to the QR code's text, or null when none is seen. */
  function nativeReader() {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    return function () {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    };
  }
  function workerReader() {
    if (!worker) worker = new Worker(box.getAttribute('data-worker'));
    var ctx = canvas.getContext('2d', { willReadFrequently: true });
    return function () {
      // Scaled down to at most 640 px: plenty for a card held up to the camera, and quick.
      var scale = Math.min(1, 640 / Math.max(video.videoWidth, video.videoHeight));
      var w = Math.round(video.videoWidth * scale);
      var h = Math.round(video.videoHeight * scale);
      if (!w || !h) return Promise.resolve(null);
      canvas.width = w;
      canvas.height = h;
      ctx.drawImage(video, 0, 0, w, h);
      var image = ctx.getImageData(0, 0, w, h);
      return new Promise(function (resolve) {
        worker.onmessage = function (e) {
          resolve(e.data);
        };
        worker.postMessage({ data: image.data, width: w, height: h }, [image.data.buffer]);
      });
    };
  }
  function chooseReader() {
    if (!('BarcodeDetector' in window)) return Promise.resolve(null);
    return window.BarcodeDetector.getSupportedFormats().then(
      function (formats) {
        return formats.indexOf('qr_code') >= 0 ? nativeReader() : null;
      },
      function () {
        return null;
      },
    );
  }

  function loop(read) {
    if (!stream || busy) return;
    busy = true;
    read().then(
      function (text) {
        busy = false;
        if (stream && !(text && found(text) === true))
          timer = setTimeout(function () {
            loop(read);
          }, 150);
      },
      function () {
        busy = false;
        if (stream)
          timer = setTimeout(function () {
            loop(read);
          }, 300);
      },
    );
  }

  start.addEventListener('click', function () {
    say('starting');
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        stop.hidden = false;
        start.hidden = true;
        return video.play();
      })
      .then(chooseReader)
      .then(function (native) {
        var read = native || workerReader();
        box.setAttribute('data-engine', native ? 'native' : 'jsqr');
        say('scanning');
        loop(read);
      })
      .catch(function () {
        end();
        say('no-camera');
        input.focus();
      });
  });
  stop.addEventListener('click', function () {
    end();
    say('stopped');
    input.focus();
  });
  // Leaving the page (or the browser hiding it) turns the camera off.
  window.addEventListener('pagehide', end);
  document.addEventListener('visibilitychange', function () {
    if (document.hidden && stream) {
      end();
      say('stopped');
    }
  });

  box.hidden = false;
})();
