// In-browser view of a stored PDF version with pdf.js (served by DocSign under /lib/pdfjs, no CDN).
// Each page is drawn on a canvas. A container marked data-pilih-kotak also lets the user click a page to
// place a box; the box is reported in PDF points from the page's bottom-left corner, as the signing API takes it.

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
  const width = Math.min(container.clientWidth - 32, 900);
  const pages = new Map();
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
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
    container.appendChild(holder);
    await page.render({
      canvas,
      canvasContext: canvas.getContext('2d'),
      viewport,
      transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
    }).promise;
    pages.set(n, { holder, viewport });
    if (container.hasAttribute('data-pilih-kotak')) enablePicking(container, holder, viewport, n);
  }
  if (container.hasAttribute('data-pilih-kotak')) {
    // A box set from outside (the default place, or "use the default" pressed) is drawn and reported like a click.
    const place = (box) => {
      const target = pages.get(box.page);
      if (!target) return;
      showBox(container, target.holder, target.viewport, box);
      container.dispatchEvent(new CustomEvent('penampil:kotak', { detail: box }));
    };
    container.addEventListener('penampil:setel-kotak', (event) => place(event.detail));
    const initial = container.dataset.kotakBawaan?.split(',').map(Number);
    if (initial?.length === 5) place({ page: initial[0], x: initial[1], y: initial[2], width: initial[3], height: initial[4] });
  }
  container.dataset.halamanTerurai = String(doc.numPages);
  say(container, `${doc.numPages} halaman ditampilkan.`);
  container.dispatchEvent(new CustomEvent('penampil:siap', { detail: { pages: doc.numPages } }));
}

// The box is drawn where the user clicked (its top-left corner at the click) and reported in PDF points.
function enablePicking(container, holder, viewport, pageNumber) {
  holder.classList.add('dapat-dipilih');
  holder.addEventListener('click', (event) => {
    const rect = holder.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const [pdfX, pdfTop] = viewport.convertToPdfPoint(x, y);
    const widthPt = Number(container.dataset.kotakLebar || 200);
    const heightPt = Number(container.dataset.kotakTinggi || 90);
    const box = { page: pageNumber, x: Math.round(pdfX), y: Math.round(pdfTop - heightPt), width: widthPt, height: heightPt };
    showBox(container, holder, viewport, box);
    container.dispatchEvent(new CustomEvent('penampil:kotak', { detail: box }));
  });
}

function showBox(container, holder, viewport, box) {
  container.querySelectorAll('.kotak-stempel').forEach((el) => el.remove());
  const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([box.x, box.y, box.x + box.width, box.y + box.height]);
  const el = document.createElement('div');
  el.className = 'kotak-stempel';
  el.style.left = `${Math.min(x1, x2)}px`;
  el.style.top = `${Math.min(y1, y2)}px`;
  el.style.width = `${Math.abs(x2 - x1)}px`;
  el.style.height = `${Math.abs(y2 - y1)}px`;
  holder.appendChild(el);
}

for (const container of document.querySelectorAll('.penampil[data-pdf]')) {
  render(container);
}
