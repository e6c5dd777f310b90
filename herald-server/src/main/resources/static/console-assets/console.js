// Herald console: the CSRF token on every htmx request, and the overview's chart (drawn again after each refresh).
(function () {
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.body.dataset.csrf;
    if (token) { e.detail.headers['X-Herald-CSRF'] = token; }
  });
  function numbers(text) { return text ? text.split(',').map(Number) : []; }
  function draw(root) {
    if (!window.Chart) { return; }
    root.querySelectorAll('canvas.chart').forEach(function (canvas) {
      var old = window.Chart.getChart(canvas);
      if (old) { old.destroy(); }
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: canvas.dataset.labels ? canvas.dataset.labels.split(',') : [],
          datasets: [
            { label: canvas.dataset.sentLabel, data: numbers(canvas.dataset.sent), backgroundColor: '#2f6fdf' },
            { label: canvas.dataset.failedLabel, data: numbers(canvas.dataset.failed), backgroundColor: '#d33c3c' }
          ]
        },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
                   scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:afterSwap', function (e) { draw(e.detail.elt.parentElement || document); });
})();
