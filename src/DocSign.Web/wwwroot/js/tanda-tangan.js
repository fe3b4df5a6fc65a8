// Penandatanganan: the wait after wrong passphrases counts down on screen from the seconds the server gave, and the
// sign button comes back at zero. The passphrase never touches script: it is posted by the form itself.
// (The stamp and its fields: stempel.js.)

const wait = document.querySelector('[data-tunggu-detik]');
const button = document.querySelector('[data-tombol-tanda-tangan]');
if (wait) {
  const end = performance.now() + Number(wait.dataset.tungguDetik) * 1000;
  const left = wait.querySelector('[data-sisa-detik]');
  if (button) button.disabled = true;
  const tick = () => {
    const seconds = Math.max(0, Math.ceil((end - performance.now()) / 1000));
    if (left) left.textContent = String(seconds);
    if (seconds > 0) { setTimeout(tick, 250); return; }
    wait.classList.remove('galat');
    wait.classList.add('berhasil');
    wait.textContent = 'Silakan coba lagi sekarang.';
    if (button) button.disabled = false;
  };
  tick();
}
