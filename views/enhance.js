// Small enhancements for thin links; everything works without this file.
// A form marked data-keep-draft saves what is typed in this browser, so a
// failed or lost POST never loses a deputy's text; a successful submit clears it.
// The draft keeps the form's idempotency key too: a form reloaded after a POST
// whose answer was lost sends the same key again, so it cannot create a second
// suggestion.
(function () {
  'use strict';
  var store;
  try {
    store = window.localStorage;
  } catch (_e) {
    return;
  }
  var KEY_FIELD = 'idempotency_key';
  function key(form) {
    return 'huiyin-draft:' + form.getAttribute('data-keep-draft');
  }
  function save(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === 'submit' || el.type === 'password') return;
      if (el.type === 'hidden' && el.name !== KEY_FIELD) return;
      if (el.type === 'checkbox') {
        if (el.checked) (data[el.name] = data[el.name] || []).push(el.value);
      } else if (el.type === 'select-multiple') {
        data[el.name] = Array.prototype.filter
          .call(el.options, function (o) {
            return o.selected;
          })
          .map(function (o) {
            return o.value;
          });
      } else data[el.name] = el.value;
    });
    try {
      store.setItem(key(form), JSON.stringify(data));
    } catch (_e) {
      /* storage full */
    }
  }
  function restore(form) {
    var raw = store.getItem(key(form));
    if (!raw || form.getAttribute('data-server-values') === 'true') return;
    var data;
    try {
      data = JSON.parse(raw);
    } catch (_e) {
      return;
    }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data)) return;
      var saved = data[el.name];
      if (el.type === 'hidden') {
        if (el.name === KEY_FIELD && saved) el.value = saved;
        return;
      }
      if (el.type === 'checkbox') el.checked = saved.indexOf(el.value) >= 0;
      else if (el.type === 'select-multiple') {
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = saved.indexOf(o.value) >= 0;
        });
      } else if (!el.value) el.value = saved;
    });
  }
  function init(root) {
    Array.prototype.forEach.call(root.querySelectorAll('form[data-keep-draft]'), function (form) {
      if (form.__huiyin) return;
      form.__huiyin = true;
      restore(form);
      form.addEventListener('input', function () {
        save(form);
      });
      form.addEventListener('change', function () {
        save(form);
      });
    });
    Array.prototype.forEach.call(root.querySelectorAll('[data-clear-draft]'), function (el) {
      store.removeItem('huiyin-draft:' + el.getAttribute('data-clear-draft'));
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    init(document);
  });
  document.addEventListener('htmx:after:swap', function () {
    init(document);
  });
  document.addEventListener('submit', function (e) {
    var btn = e.target.querySelector('button[type=submit][data-busy]');
    if (btn) {
      btn.setAttribute('data-label', btn.textContent);
      btn.textContent = btn.getAttribute('data-busy');
    }
  });
  function formOf(e) {
    return e.target && e.target.closest ? e.target.closest('form') : null;
  }
  // After the request ends (answered or not) the busy label goes back, so the
  // button can be pressed again.
  document.addEventListener('htmx:finally:request', function (e) {
    var form = formOf(e);
    var btn = form && form.querySelector('button[data-label]');
    if (btn) {
      btn.textContent = btn.getAttribute('data-label');
      btn.removeAttribute('data-label');
    }
  });
  // The link dropped: the page and what was typed stay; say so, and that
  // pressing submit again is safe (the idempotency key makes it one item).
  document.addEventListener('htmx:error', function (e) {
    var form = formOf(e);
    if (!form) return;
    var note = form.querySelector('[data-network-note]');
    if (!note) {
      note = document.createElement('p');
      note.className = 'alert';
      note.setAttribute('role', 'alert');
      note.setAttribute('data-network-note', '');
      form.insertBefore(note, form.firstChild);
    }
    note.textContent = document.body.getAttribute('data-network-error') || '';
  });
})();
