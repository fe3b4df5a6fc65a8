// Every screen: a table that scrolls inside its own box on a narrow screen can be reached and scrolled with the
// keyboard (focusable, named by its caption or heading), so a phone layout costs keyboard users nothing.
(function () {
  'use strict';
  function mark() {
    document.querySelectorAll('main table').forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute('tabindex')) {
        table.setAttribute('tabindex', '0');
        if (!table.getAttribute('aria-label') && !table.getAttribute('aria-labelledby')) {
          var caption = table.querySelector('caption');
          table.setAttribute('aria-label', caption ? caption.textContent.trim() : 'Tabel (geser ke samping)');
        }
        table.dataset.geser = '1';
      } else if (!scrolls && table.dataset.geser === '1') {
        table.removeAttribute('tabindex');
        delete table.dataset.geser;
      }
    });
  }
  document.addEventListener('DOMContentLoaded', mark);
  window.addEventListener('resize', mark);
})();
