// Placeholder: shows whether the server answers its readiness probe.
(function () {
  var target = document.getElementById('health');
  fetch('/health/ready', { credentials: 'same-origin' })
    .then(function (response) { target.textContent = response.ok ? 'ready' : 'not ready (' + response.status + ')'; })
    .catch(function () { target.textContent = 'unreachable'; });
})();
