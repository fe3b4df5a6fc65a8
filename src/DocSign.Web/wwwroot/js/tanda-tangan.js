// Penandatanganan: the stamp box chosen on the viewer goes into the form's labelled fields (PDF points from the
// page's bottom-left), and "Gunakan tempat bawaan" puts it back on the default place. The passphrase never
// touches script: it is posted by the form itself.

const viewer = document.querySelector('.penampil[data-pilih-kotak]');
const form = document.querySelector('form[data-form-tanda-tangan]');
if (viewer && form) {
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const summary = document.querySelector('[data-posisi-stempel]');
  viewer.addEventListener('penampil:kotak', (event) => {
    const box = event.detail;
    field('halaman').value = box.page;
    field('x').value = box.x;
    field('y').value = box.y;
    field('lebar').value = box.width;
    field('tinggi').value = box.height;
    if (summary) summary.textContent = `Stempel di halaman ${box.page}, ${box.x} pt dari kiri dan ${box.y} pt dari bawah.`;
  });
  document.querySelector('[data-tempat-bawaan]')?.addEventListener('click', () => {
    const initial = viewer.dataset.kotakBawaan?.split(',').map(Number);
    if (initial?.length === 5) {
      viewer.dispatchEvent(new CustomEvent('penampil:setel-kotak', {
        detail: { page: initial[0], x: initial[1], y: initial[2], width: initial[3], height: initial[4] },
      }));
    }
  });
}
