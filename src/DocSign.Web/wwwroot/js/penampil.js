// In-browser view of a stored PDF version with pdf.js (served by DocSign under /lib/pdfjs, no CDN).
// Each page is drawn on a canvas; on the signing page, stempel.js puts the stamp on these pages.

const STATUS = '[data-status-penampil]';

function say(container, text) {
  const status = container.closest('section')?.querySelector(STATUS);
  if (status) status.textContent = text;
}

async function loadPdfJs(base) {
  const pdfjs = await import(`${base}/build/pdf.min.mjs`);
  pdfjs.GlobalWorkerOptions.workerSrc = `${base}/build/pdf.worker.min.mjs`;
  return pdfjs;
}

async function render(container) {
  const base = container.dataset.pdfjs || '/lib/pdfjs';
  let pdfjs;
  try {
    pdfjs = await loadPdfJs(base);
  } catch (e) {
    say(container, 'Penampil PDF tidak tersedia di server ini; gunakan tautan Unduh.');
    return;
  }
  let doc;
  try {
    doc = await pdfjs.getDocument({
      url: container.dataset.pdf,
      withCredentials: true,
      isEvalSupported: false,            // the Content-Security-Policy forbids eval
      standardFontDataUrl: `${base}/standard_fonts/`,
      cMapUrl: `${base}/cmaps/`,
      cMapPacked: true,
      wasmUrl: `${base}/wasm/`,
    }).promise;
  } catch (e) {
    say(container, 'PDF tidak dapat ditampilkan: ' + (e?.message || e));
    return;
  }
  // Drawn at the container's width; drawn again only when that width really changes (a phone turned, a window
  // resized), a moment after the resizing stops, never on every resize event.
  let drawn = 0;
  let generation = 0;
  const draw = async () => {
    const mine = ++generation;
    container.dataset.gambar = String(generation);   // how many times the pages were drawn (a test counts redraws)
    const width = Math.min(container.clientWidth - 32, 900);
    drawn = container.clientWidth;
    const pages = new Map();
    const holders = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      if (mine !== generation) return;
      const natural = page.getViewport({ scale: 1 });
      const scale = width / natural.width;
      const viewport = page.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const holder = document.createElement('div');
      holder.className = 'halaman-pdf';
      holder.dataset.halaman = String(n);
      holder.style.width = `${viewport.width}px`;
      holder.style.height = `${viewport.height}px`;
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${viewport.width}px`;
      canvas.style.height = `${viewport.height}px`;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Halaman ${n} dari ${doc.numPages}`);
      holder.appendChild(canvas);
      holders.push(holder);
      pages.set(n, { holder, viewport });
      await page.render({
        canvas,
        canvasContext: canvas.getContext('2d'),
        viewport,
        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
      }).promise;
      if (mine !== generation) return;
    }
    container.querySelectorAll('.halaman-pdf').forEach((old) => old.remove());
    holders.forEach((holder) => container.appendChild(holder));
    // What the stamp script (stempel.js) places its stamp on: each page's holder and pdf.js viewport.
    container.penampilHalaman = pages;
    container.dataset.halamanTerurai = String(doc.numPages);
    say(container, `${doc.numPages} halaman ditampilkan.`);
    container.dispatchEvent(new CustomEvent('penampil:siap', { detail: { pages: doc.numPages } }));
  };
  await draw();
  let timer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (Math.abs(container.clientWidth - drawn) >= 2) draw();
    }, 250);
  });
}

for (const container of document.querySelectorAll('.penampil[data-pdf]')) {
  render(container);
}
