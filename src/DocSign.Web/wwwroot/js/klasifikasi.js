// The letter form's classification typeahead: as the clerk types a code or a word ("kinerja"), the office's list
// (Permendagri 83/2022 plus its local codes) is asked for matches and offered in the field's datalist; the chosen
// code's title is shown under the field. The server checks the code again when the number is taken.
(function () {
  const input = document.querySelector('[data-cari-klasifikasi]');
  if (!input) return;
  const list = document.getElementById(input.getAttribute('list'));
  const note = document.getElementById('uraian-klasifikasi');
  const url = input.getAttribute('data-cari-klasifikasi');
  let titles = new Map();
  let timer = 0;
  let asked = '';

  async function search(q) {
    asked = q;
    const response = await fetch(url + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok || asked !== q) return;
    const body = await response.json();
    titles = new Map();
    list.replaceChildren(...body.codes.map(function (c) {
      titles.set(c.code, c.title + (c.local ? ' (kode lokal)' : ''));
      const option = document.createElement('option');
      option.value = c.code;
      option.label = c.code + ' ' + c.title;
      option.textContent = c.code + ' ' + c.title;
      return option;
    }));
    describe();
  }

  function describe() {
    const value = input.value.trim();
    note.textContent = titles.get(value) || '';
  }

  input.addEventListener('input', function () {
    describe();
    window.clearTimeout(timer);
    const q = input.value.trim();
    timer = window.setTimeout(function () { search(q).catch(function () { }); }, 200);
  });
  search('').catch(function () { });
})();
