// Reads QR codes from camera frames for the partner page (partner-scan.js), off the main
// thread: jsQR (npm "jsqr", Apache-2.0), served by this server as jsqr.js beside this file.
importScripts('jsqr.js' + self.location.search);

function read(frame) {
  try {
    var result = self.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
    return result ? result.data : null;
  } catch (err) {
    return null; // a frame jsQR cannot read: as if no code was seen
  }
}

self.onmessage = function (e) {
  self.postMessage(read(e.data));
};
