// Tanda tangan massal: "Pilih semua", and a progress bar fed by the server while the form's POST runs. The page keeps
// running until the answer arrives, so it polls GET /api/sign/batch/{id} (the batch's real state on the server: documents
// finished out of the total, and the stage) and shows it. The passphrase never touches script: the form posts it.

const form = document.querySelector('form[data-form-massal]');
if (form) {
  const boxes = () => [...form.querySelectorAll('input[name="dokumen"]')];
  form.querySelector('[data-pilih-semua]')?.addEventListener('click', () => {
    const all = boxes().every((b) => b.checked);
    boxes().forEach((b) => { b.checked = !all; });
  });

  const panel = form.querySelector('[data-kemajuan]');
  const bar = form.querySelector('[data-bilah-kemajuan]');
  const text = form.querySelector('[data-teks-kemajuan]');
  const stages = {
    menyiapkan: 'Menyiapkan dokumen',
    menandatangani: 'Menunggu layanan tanda tangan',
    menyimpan: 'Memeriksa dan menyimpan',
    selesai: 'Selesai',
  };
  let timer = null;

  async function poll() {
    try {
      const response = await fetch(`/api/sign/batch/${form.dataset.batch}`, { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) {
        const p = await response.json();
        bar.max = p.total;
        bar.value = p.finished;
        const failed = p.failed > 0 ? `, ${p.failed} gagal` : '';
        text.textContent = `${stages[p.stage] ?? p.stage}: ${p.finished} dari ${p.total} dokumen selesai${failed}.`;
        if (p.done) return;
      }
    } catch (e) {
      // The page is being replaced by the answer, or the network blinked: try again shortly.
    }
    timer = setTimeout(poll, 400);
  }

  form.addEventListener('submit', (event) => {
    const chosen = boxes().filter((b) => b.checked).length;
    if (chosen === 0) {
      event.preventDefault();
      text.textContent = 'Centang paling sedikit satu dokumen.';
      panel.hidden = false;
      return;
    }
    panel.hidden = false;
    bar.max = chosen;
    bar.value = 0;
    text.textContent = `Menyiapkan ${chosen} dokumen…`;
    form.querySelector('[data-tandatangani-massal]').disabled = true;
    if (timer === null) timer = setTimeout(poll, 200);
  });
}
