// Penandatanganan: the Camat's real stamp (its lines, the QR code's square, its true size at the page's scale) on the
// pdf.js preview. It follows the mouse over a page; a click or a tap puts it there; it can be dragged with a mouse,
// a finger or a pen (pointer events), and moved with the arrow keys (Page Up/Down: another page). Wherever it is
// dropped it snaps wholly inside the page and clear of the stamps already there, by the server's own rule
// (StampSpots): the server refuses a box off the page, and two stamps on top of each other leave one QR unreadable.
// The chosen box goes into the form's fields (in "Atur manual"), in PDF points from the page's bottom-left corner.

const GAP = 8;    // points kept between two stamps
const STEP = 4;   // the snapping grid, in points

const viewer = document.querySelector('.penampil[data-pilih-kotak]');
const form = document.querySelector('form[data-form-tanda-tangan]');
if (viewer && form) start(viewer, form);

function start(viewer, form) {
  const data = JSON.parse(viewer.dataset.stempel || '{}');
  const lines = data.baris || [];
  const footer = data.kaki || '';
  const taken = (data.stempel || []).map(([page, x, y, width, height]) => ({ page, x, y, width, height }));
  const initial = (viewer.dataset.kotakBawaan || '').split(',').map(Number);
  const defaultBox = initial.length === 5 && initial.every(Number.isFinite)
    ? { page: initial[0], x: initial[1], y: initial[2], width: initial[3], height: initial[4] } : null;
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const summary = document.querySelector('[data-posisi-stempel]');
  let box = defaultBox;
  let scrolled = false;

  const stamp = document.createElement('div');
  stamp.className = 'kotak-stempel stempel-pratinjau';
  stamp.tabIndex = 0;
  stamp.setAttribute('role', 'application');   // it takes the arrow keys itself
  stamp.setAttribute('aria-roledescription', 'stempel yang dapat digeser');
  const ghost = document.createElement('div');
  ghost.className = 'stempel-bayang';
  ghost.setAttribute('aria-hidden', 'true');

  const pages = () => viewer.penampilHalaman || new Map();
  const pageCount = () => pages().size;
  // A page's size in points: the server's (the one it checks boxes against), else what pdf.js reads.
  const sizeOf = (n) => {
    const known = (data.halaman || [])[n - 1];
    if (known) return { w: known[0], h: known[1] };
    const vb = pages().get(n)?.viewport.viewBox || [0, 0, 595, 842];
    return { w: vb[2] - vb[0], h: vb[3] - vb[1] };
  };

  const inside = (b, w, h) => b.x >= 0 && b.y >= 0 && b.x + b.width <= w + 1e-6 && b.y + b.height <= h + 1e-6;
  const overlaps = (a, b) => a.page === b.page && a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP
    && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
  const free = (b) => { const { w, h } = sizeOf(b.page); return inside(b, w, h) && !taken.some((t) => overlaps(b, t)); };
  const round = (v) => Math.round(v * 100) / 100;

  // The free spot nearest the wanted one (a step up or down costs three sideways), as the server computes it.
  function snap(wanted) {
    const { w: pw, h: ph } = sizeOf(wanted.page);
    const width = Math.min(wanted.width, pw), height = Math.min(wanted.height, ph);
    const b = { ...wanted, width, height,
      x: round(Math.min(Math.max(wanted.x, 0), Math.max(0, pw - width))),
      y: round(Math.min(Math.max(wanted.y, 0), Math.max(0, ph - height))) };
    if (free(b)) return b;
    const xs = new Set([b.x]), ys = new Set([b.y]);
    for (let x = 0; x <= pw - width + 1e-9; x += STEP) xs.add(round(x));
    for (let y = 0; y <= ph - height + 1e-9; y += STEP) ys.add(round(y));
    for (const t of taken.filter((t) => t.page === b.page)) {
      xs.add(round(t.x - GAP - width - 0.01)); xs.add(round(t.x + t.width + GAP + 0.01));
      ys.add(round(t.y - GAP - height - 0.01)); ys.add(round(t.y + t.height + GAP + 0.01));
    }
    let best = null, bestD = Infinity;
    for (const x of xs) for (const y of ys) {
      const dx = x - b.x, dy = 3 * (y - b.y), d = dx * dx + dy * dy;
      if (d >= bestD) continue;
      const c = { ...b, x, y };
      if (!free(c)) continue;
      best = c; bestD = d;
    }
    return best || b;
  }

  // Points (from the page's bottom-left corner) to pixels on the drawn page, and back.
  function toPixels(b) {
    const { viewport } = pages().get(b.page);
    const [ox, oy] = viewport.viewBox;
    const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([ox + b.x, oy + b.y, ox + b.x + b.width, oy + b.y + b.height]);
    return { left: Math.min(x1, x2), top: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
  }
  function fromPixels(n, left, top, width, height) {
    const { viewport } = pages().get(n);
    const [ox, oy] = viewport.viewBox;
    const [px, py] = viewport.convertToPdfPoint(left, top);
    return { page: n, x: round(px - ox), y: round(py - oy - height), width, height };
  }

  // The stamp's face, laid out as the engine draws it (SignatureAppearance): QR on the left, the lines beside it,
  // the issuer's small print across the bottom; sizes in points times the page's scale.
  function paint(el, b) {
    const scale = pages().get(b.page).viewport.scale;
    const w = b.width, h = b.height;
    // The face is a picture of the stamp: screen readers get the stamp's label (where it is, how to move it) instead.
    const face = document.createElement('div');
    face.className = 'stempel-muka';
    face.setAttribute('aria-hidden', 'true');
    el.replaceChildren(face);
    const pad = Math.max(2, Math.min(w, h) * 0.05);
    let bottom = pad;
    const put = (cls, text, left, top, size, bold) => {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = text;
      span.style.left = `${left * scale}px`;
      span.style.top = `${top * scale}px`;
      span.style.fontSize = `${size * scale}px`;
      if (bold) span.style.fontWeight = '700';
      face.appendChild(span);
    };
    if (footer.trim()) {
      let size = Math.min(Math.max(h * 0.06, 3), 7);
      let wrapped = wrap(footer.trim(), w - 2 * pad, size);
      while (wrapped.length > 3 && size > 3) { size = Math.max(3, size - 0.5); wrapped = wrap(footer.trim(), w - 2 * pad, size); }
      wrapped = wrapped.slice(0, 3);
      const leading = size * 1.15;
      wrapped.forEach((text, i) => {
        const baseline = pad + (wrapped.length - 1 - i) * leading + size * 0.2;
        put('stempel-kaki', text, pad, h - baseline - size * 0.8, size, false);
      });
      bottom = pad + wrapped.length * leading + pad * 0.5;
    }
    const area = Math.max(1, h - bottom - pad);
    let textLeft = pad;
    const side = Math.min(area, w * 0.4);
    if (side > 8) {
      const qr = document.createElement('span');
      qr.className = 'stempel-qr';
      qr.title = 'Kode QR menuju halaman verifikasi';
      const qrBottom = bottom + (area - side) / 2;
      Object.assign(qr.style, { left: `${pad * scale}px`, top: `${(h - qrBottom - side) * scale}px`, width: `${side * scale}px`, height: `${side * scale}px` });
      face.appendChild(qr);
      textLeft = pad + side + pad;
    }
    if (lines.length) {
      const textWidth = Math.max(1, w - textLeft - pad);
      const widest = Math.max(1, ...lines.map((l) => l.teks.length * (l.tebal ? 0.6 : 0.55)));
      const size = Math.min(Math.max(Math.min(area / (lines.length * 1.2), textWidth / widest), 2), 12);
      const leading = size * 1.2;
      const first = bottom + (area + leading * lines.length) / 2 - size;
      lines.forEach((l, i) => put('stempel-baris', l.teks, textLeft, h - (first - i * leading) - size * 0.8, size, l.tebal));
    }
  }

  function wrap(text, width, size) {
    const perLine = Math.max(8, Math.floor(width / (size * 0.55)));
    const out = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      if (line && line.length + 1 + word.length > perLine) { out.push(line); line = ''; }
      line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
    return out;
  }

  function draw(el, b) {
    const target = pages().get(b.page);
    if (!target) return;
    const px = toPixels(b);
    Object.assign(el.style, { left: `${px.left}px`, top: `${px.top}px`, width: `${px.width}px`, height: `${px.height}px` });
    if (el.parentElement !== target.holder) target.holder.appendChild(el);
    paint(el, b);
  }

  function where(b) {
    const { w, h } = sizeOf(b.page);
    const cx = (b.x + b.width / 2) / w, cy = (b.y + b.height / 2) / h;
    const across = cx < 0.36 ? 'kiri' : cx > 0.64 ? 'kanan' : 'tengah';
    const down = cy < 0.36 ? 'bawah' : cy > 0.64 ? 'atas' : 'tengah';
    return across === 'tengah' && down === 'tengah' ? 'tengah halaman' : `${across} ${down}`;
  }

  // Puts the stamp at b (snapped), writes the form's fields and says where it is.
  function place(b, { snapIt = true } = {}) {
    if (!pages().get(b.page)) return;
    box = snapIt ? snap(b) : b;
    draw(stamp, box);
    field('halaman').value = box.page;
    field('x').value = box.x;
    field('y').value = box.y;
    field('lebar').value = box.width;
    field('tinggi').value = box.height;
    Object.assign(stamp.dataset, { halaman: box.page, x: box.x, y: box.y, lebar: box.width, tinggi: box.height });
    const text = `Stempel di halaman ${box.page} dari ${pageCount()}, ${where(box)}.`;
    if (summary) summary.textContent = text;
    stamp.setAttribute('aria-label', `${text} Geser dengan tombol panah; Page Up dan Page Down berpindah halaman.`);
    viewer.dispatchEvent(new CustomEvent('penampil:kotak', { detail: box }));
  }

  // The viewer scrolls (inside its own box) to the stamp, so stamp and passphrase are seen together.
  function reveal() {
    const target = pages().get(box.page);
    if (!target) return;
    const px = toPixels(box);
    const top = target.holder.offsetTop + px.top;
    viewer.scrollTop = Math.max(0, top - (viewer.clientHeight - px.height) / 2);
  }

  const wantedSize = () => ({
    width: Number(field('lebar').value) || Number(viewer.dataset.kotakLebar) || 260,
    height: Number(field('tinggi').value) || Number(viewer.dataset.kotakTinggi) || 110,
  });
  const pageUnder = (x, y) => document.elementsFromPoint(x, y).map((e) => e.closest?.('.halaman-pdf')).find(Boolean);
  // The box whose top-left corner is at a pointer position on page holder.
  const boxAt = (holder, clientX, clientY, dx = 0, dy = 0) => {
    const r = holder.getBoundingClientRect();
    const { width, height } = wantedSize();
    return fromPixels(Number(holder.dataset.halaman), clientX - r.left - dx, clientY - r.top - dy, width, height);
  };

  // Mouse over a page: the stamp-to-be follows the pointer (already snapped); a click puts it there.
  viewer.addEventListener('pointermove', (event) => {
    if (event.pointerType !== 'mouse' || dragging) return;
    const holder = event.target.closest?.('.halaman-pdf');
    if (!holder || stamp.contains(event.target)) { ghost.remove(); return; }
    const b = snap(boxAt(holder, event.clientX, event.clientY));
    ghost.dataset.halaman = b.page;
    draw(ghost, b);
  });
  viewer.addEventListener('pointerleave', () => ghost.remove());
  viewer.addEventListener('click', (event) => {
    const holder = event.target.closest?.('.halaman-pdf');
    if (!holder || stamp.contains(event.target) || justDragged) return;
    ghost.remove();
    place(boxAt(holder, event.clientX, event.clientY));
  });

  // Dragging, by mouse, finger or pen: the stamp moves with the pointer (from page to page), and snaps when let go.
  let dragging = null;
  let justDragged = false;
  stamp.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const r = stamp.getBoundingClientRect();
    dragging = { id: event.pointerId, dx: event.clientX - r.left, dy: event.clientY - r.top, moved: false };
    stamp.setPointerCapture(event.pointerId);
    stamp.classList.add('digeser');
    ghost.remove();
    event.preventDefault();
  });
  stamp.addEventListener('pointermove', (event) => {
    if (!dragging || event.pointerId !== dragging.id) return;
    const holder = pageUnder(event.clientX, event.clientY);
    if (!holder) return;
    dragging.moved = true;
    const b = boxAt(holder, event.clientX, event.clientY, dragging.dx, dragging.dy);
    draw(stamp, b);
    dragging.box = b;
  });
  const drop = (event) => {
    if (!dragging || event.pointerId !== dragging.id) return;
    const { moved, box: b } = dragging;
    dragging = null;
    stamp.classList.remove('digeser');
    if (moved && b) {
      place(b);
      justDragged = true;
      setTimeout(() => { justDragged = false; }, 0);
    }
    stamp.focus({ preventScroll: true });
  };
  stamp.addEventListener('pointerup', drop);
  stamp.addEventListener('pointercancel', drop);

  // Keyboard: arrows move it 4 pt (with Shift 24 pt), past a stamp in the way; Page Up/Down change page.
  stamp.addEventListener('keydown', (event) => {
    if (!box) return;
    const step = event.shiftKey ? 24 : STEP;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      event.preventDefault();
      const [dx, dy] = moves[event.key];
      const { w, h } = sizeOf(box.page);
      for (let k = 1; k < 400; k++) {
        const c = { ...box, x: round(box.x + k * dx), y: round(box.y + k * dy) };
        if (!inside(c, w, h)) { place({ ...box, x: c.x, y: c.y }); return; }   // the edge: pulled back onto the page
        if (free(c)) { place(c, { snapIt: false }); return; }
      }
    } else if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      const n = box.page + (event.key === 'PageUp' ? -1 : 1);
      if (n >= 1 && n <= pageCount()) { place({ ...box, page: n }); reveal(); }
    }
  });

  // "Atur manual": numbers typed in are taken as the wanted place (and snapped like a drop).
  for (const name of ['halaman', 'x', 'y', 'lebar', 'tinggi']) {
    field(name)?.addEventListener('change', () => {
      const b = { page: Number(field('halaman').value), x: Number(field('x').value), y: Number(field('y').value),
        width: Number(field('lebar').value), height: Number(field('tinggi').value) };
      if (Object.values(b).every(Number.isFinite) && b.width > 0 && b.height > 0 && pages().get(b.page)) place(b);
    });
  }
  document.querySelector('[data-tempat-bawaan]')?.addEventListener('click', () => {
    if (defaultBox) { place(defaultBox); reveal(); }
  });

  // The viewer draws (and draws again at a new width): the stamp goes back where it was.
  viewer.addEventListener('penampil:siap', () => {
    if (!box) return;
    place(box);
    if (!scrolled) { scrolled = true; reveal(); }
  });
  if (viewer.penampilHalaman && box) { place(box); reveal(); scrolled = true; }
}
