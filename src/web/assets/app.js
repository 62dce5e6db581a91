// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Focus the error summary so screen readers and keyboard users land on it.
  var summary = document.querySelector('[data-autofocus]');
  if (summary) summary.focus();

  // Taxonomy suggestions as you type, into the input's <datalist>.
  var inputs = document.querySelectorAll('input[data-suggest]');
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    if (!list) return;
    var timer = null;
    var last = '';
    input.addEventListener('input', function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = q;
        var url = input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q) + '&lang=' + encodeURIComponent(document.documentElement.lang);
        fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) {
            while (list.firstChild) list.removeChild(list.firstChild);
            (data.items || []).forEach(function (item) {
              var opt = document.createElement('option');
              opt.value = item.label;
              list.appendChild(opt);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });
})();
