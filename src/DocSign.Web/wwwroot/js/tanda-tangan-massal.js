// Tanda tangan massal: "Pilih semua", and a progress bar fed by the server. The form is posted by fetch (the same POST the
// form makes without script, antiforgery token included) so that the page stays alive while the batch runs: meanwhile it
// polls GET /api/sign/batch/{id} (the batch's real state on the server: documents finished out of the total, and the
// stage) and draws it. The answer's page then replaces this one's main part. The passphrase goes only into the POST.

const stages = {
  menyiapkan: 'Menyiapkan dokumen',
  menandatangani: 'Menunggu layanan tanda tangan',
  menyimpan: 'Memeriksa dan menyimpan',
  selesai: 'Selesai',
};

function init() {
  const form = document.querySelector('form[data-form-massal]');
  if (!form) return;
  const boxes = () => [...form.querySelectorAll('input[name="dokumen"]')];
  form.querySelector('[data-pilih-semua]')?.addEventListener('click', () => {
    const all = boxes().every((b) => b.checked);
    boxes().forEach((b) => { b.checked = !all; });
  });

  const panel = form.querySelector('[data-kemajuan]');
  const bar = form.querySelector('[data-bilah-kemajuan]');
  const text = form.querySelector('[data-teks-kemajuan]');
  let running = false;

  async function poll() {
    if (!running) return;
    try {
      const response = await fetch(`/api/sign/batch/${form.dataset.batch}`, { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok && running) {
        const p = await response.json();
        bar.max = p.total;
        bar.value = p.finished;
        const failed = p.failed > 0 ? `, ${p.failed} gagal` : '';
        text.textContent = `${stages[p.stage] ?? p.stage}: ${p.finished} dari ${p.total} dokumen selesai${failed}.`;
      }
    } catch (e) {
      // The network blinked: the next poll tries again.
    }
    if (running) setTimeout(poll, 400);
  }

  form.addEventListener('submit', async (event) => {
    const chosen = boxes().filter((b) => b.checked).length;
    panel.hidden = false;
    if (chosen === 0) {
      event.preventDefault();
      text.textContent = 'Centang paling sedikit satu dokumen.';
      return;
    }
    event.preventDefault();
    bar.max = chosen;
    bar.value = 0;
    text.textContent = `Menyiapkan ${chosen} dokumen…`;
    const button = form.querySelector('[data-tandatangani-massal]');
    button.disabled = true;
    running = true;
    setTimeout(poll, 200);
    try {
      const response = await fetch(form.action || location.pathname, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      running = false;
      const main = page.querySelector('main');
      if (!main) throw new Error('no main');
      document.querySelector('main').replaceWith(main);
      document.title = page.title;
      init();
      main.querySelector('[data-hasil-massal], [role="alert"]')?.scrollIntoView();
    } catch (e) {
      running = false;
      button.disabled = false;
      text.textContent = 'Jawaban server tidak dapat dibaca. Muat ulang halaman untuk melihat dokumen mana yang sudah ditandatangani.';
    }
  });
}

init();
