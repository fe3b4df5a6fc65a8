using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>What changed after one signed revision, and why the level was given.</summary>
internal sealed class ModificationResult
{
    public ModificationLevel Level { get; set; }
    /// <summary>Explanations in Bahasa Indonesia, one per change at ANNOTATIONS or OTHER level (the ones that matter).</summary>
    public List<string> Findings { get; } = new();
    /// <summary>Names of what changed at the allowed levels (DSS, document timestamp, new signature...).</summary>
    public SortedSet<string> AllowedChanges { get; } = new(StringComparer.Ordinal);
    /// <summary>Existing non-signature form fields were filled in (values or their appearances changed).</summary>
    public bool FormFieldsFilled { get; set; }

    public void Note(ModificationLevel level, string what)
    {
        if (level > Level) Level = level;
        if (level >= ModificationLevel.Annotations) { if (Findings.Count < 50) Findings.Add(what); }
        else if (AllowedChanges.Count < 50) AllowedChanges.Add(what);
    }
}

/// <summary>
/// Compares a signed revision with the final document object by object. It is a whitelist: a change is allowed
/// only when it is recognised as one that cannot alter what the signer saw (DSS, document timestamps, a later
/// signature's field, widget and dictionary, structure-tree and metadata bookkeeping). Anything else that the
/// final document can reach — and any cross-reference entry that re-binds an existing object number to older
/// bytes — is reported as a change at ANNOTATIONS or OTHER level. It never throws for a change it cannot
/// explain: that is itself the finding.
/// </summary>
internal sealed class ModificationAnalyzer
{
    private readonly PdfFile _file;
    private readonly PdfRevisionView _final;
    private HashSet<int>? _reachableFinal, _reachableOld, _significantOld, _significantFinal;
    private PdfCompare _cmp = null!;
    private PdfRevisionView _old = null!;
    private Roles _roles = null!;
    private readonly ModificationPolicy _policy;

    private bool Same(PdfObject? a, PdfObject? b) => _cmp.Equal(a, b);

    public ModificationAnalyzer(PdfFile file, ModificationPolicy policy)
    {
        _file = file;
        _policy = policy;
        _final = file.Latest;
    }

    internal sealed class Roles
    {
        public int Catalog = -1, Info = -1, AcroForm = -1, Fields = -1, Metadata = -1;
        public Dictionary<int, int> Pages = new();
        public HashSet<int> AnnotArrays = new();
        public HashSet<int> Annotations = new();
        public HashSet<int> UnsignedSigFields = new();
        public HashSet<int> FormFields = new();
        public HashSet<int> Appearances = new();
        /// <summary>Appearance streams of empty signature fields, with the field they belong to.</summary>
        public Dictionary<int, int> EmptySigAppearances = new();
        public HashSet<int> Dss = new();
        public HashSet<int>? Struct;
    }

    public ModificationResult Analyze(int signedRevision)
    {
        var result = new ModificationResult();
        _reachableOld = null; _significantOld = null; // per signed revision
        int last = _file.Revisions.Count - 1;
        var old = _file.AtRevision(signedRevision);
        // The signed revision's own cross-reference must point inside the signed bytes: an entry pointing past
        // them names bytes that can be appended after signing (an object that "appears" later).
        long signedEnd = _file.Revisions[signedRevision].EndOffset;
        for (int r = 0; r <= signedRevision; r++)
            foreach (var e in _file.Revisions[r].Entries.Values)
            {
                if (old.GetEntry(e.ObjectNumber) != e) continue;
                if (e.Type == PdfXrefEntryType.InUse && e.Offset >= signedEnd)
                    result.Note(ModificationLevel.Other, $"xref revisi yang ditandatangani menunjuk objek {e.ObjectNumber} di luar bagian yang ditandatangani (byte {e.Offset})");
                else if (e.Type == PdfXrefEntryType.Compressed && old.GetEntry(e.ObjectStreamNumber) is not { Type: PdfXrefEntryType.InUse })
                    result.Note(ModificationLevel.Other, $"xref revisi yang ditandatangani menaruh objek {e.ObjectNumber} di object stream {e.ObjectStreamNumber} yang belum ada");
            }
        foreach (var finding in ViewerFindings(signedRevision)) result.Note(ModificationLevel.Other, finding);
        if (signedRevision >= last) return result;
        _cmp = new PdfCompare(_file, old, _final);
        _old = old;
        var roles = _roles = CollectRoles(old);

        var touched = new SortedSet<int>();
        for (int r = signedRevision + 1; r <= last; r++)
            foreach (var n in _file.Revisions[r].Entries.Keys) if (n > 0) touched.Add(n);

        for (int r = signedRevision + 1; r <= last; r++)
            foreach (var dup in XrefTableScanner.DuplicateObjectNumbers(_file, _file.Revisions[r]).Union(_file.Revisions[r].DuplicateObjectNumbers).Distinct())
                result.Note(ModificationLevel.Other, $"revisi {r + 1} menyebut objek {dup} lebih dari sekali dalam satu tabel xref (pembaca PDF dapat memilih entri yang berbeda)");

        var freed = new List<int>();
        var unexplained = new List<(int Num, string What)>();
        foreach (var n in touched)
        {
            var oe = old.GetEntry(n);
            if (oe is not { } oldEntry || oldEntry.Type == PdfXrefEntryType.Free)
            {
                // A new object is judged where it is used, unless the signed revision already used it: a
                // reference to an object that did not exist yet (drawn as nothing) is filled in later.
                if (_final.GetEntry(n) is { Type: not PdfXrefEntryType.Free } && ReachableOld(old).Contains(n))
                    result.Note(ModificationLevel.Other, $"objek {n} sudah dirujuk dokumen yang ditandatangani tetapi baru diisi setelahnya");
                continue;
            }
            var ne = _final.GetEntry(n);
            if (ne is not { } newEntry || newEntry.Type == PdfXrefEntryType.Free) { freed.Add(n); continue; }
            if (newEntry == oldEntry) continue; // restated, same binding

            // Which revision gave the final binding, and does it point back into bytes older than itself?
            int giver = last;
            while (giver > signedRevision && !_file.Revisions[giver].Entries.ContainsKey(n)) giver--;
            long giverStart = _file.Revisions[giver - 1].EndOffset;
            bool intoOldBytes = newEntry.Type switch
            {
                PdfXrefEntryType.InUse => newEntry.Offset < giverStart,
                PdfXrefEntryType.Compressed => _final.GetEntry(newEntry.ObjectStreamNumber) is { Type: PdfXrefEntryType.InUse } os && os.Offset < giverStart,
                _ => false,
            };
            if (intoOldBytes)
            {
                result.Note(ModificationLevel.Other, $"revisi {giver + 1} mengalihkan objek {n} ke byte lama yang sudah ada (pola serangan shadow \"hide-and-replace\")");
                continue;
            }
            var before = old.GetObject(n);
            var after = _final.GetObject(n);
            if (Same(before, after)) continue;
            if (!Classify(n, before, after, result)) unexplained.Add((n, Describe(before)));
        }

        // A new catalog object replacing the old one is compared as the catalog.
        if (old.Trailer["Root"] is PdfReference or && _final.Trailer["Root"] is PdfReference nr && !or.Equals(nr))
            CompareCatalog(old.Catalog, _final.Catalog, old, roles, _policy.Rules.FirstOrDefault(r => r.Id == ModificationRules.CatalogId)?.Grade ?? ModificationLevel.Other, result);
        if (_final.Trailer.ContainsKey("Encrypt") && !old.Trailer.ContainsKey("Encrypt"))
            result.Note(ModificationLevel.Other, "enkripsi ditambahkan setelah penandatanganan");

        if (freed.Count > 0 || unexplained.Count > 0)
        {
            var reachable = ReachableFinal();
            foreach (var n in freed)
                if (reachable.Contains(n)) result.Note(ModificationLevel.Other, $"objek {n} yang masih dirujuk dihapus setelah penandatanganan");
            foreach (var (n, what) in unexplained)
            {
                if (!reachable.Contains(n)) { result.Note(ModificationLevel.None, $"objek {n} yatim diubah (tidak dipakai dokumen)"); continue; }
                var lvl = roles.Annotations.Contains(n) ? ModificationLevel.Annotations : ModificationLevel.Other;
                result.Note(lvl, $"objek {n} ({what}) diubah setelah penandatanganan");
            }
        }
        return result;
    }

    private static string Describe(PdfObject o) => o switch
    {
        PdfStream s => "stream" + (s.Dictionary.GetName("Type") is { } t ? " /" + t : s.Dictionary.GetName("Subtype") is { } st ? " /" + st : ""),
        PdfDictionary d => d.GetName("Type") is { } t ? "/" + t : d.GetName("Subtype") is { } st ? "/" + st : "kamus",
        PdfArray => "array",
        _ => o.Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Asks the policy's rules in order; false when none explains the change.</summary>
    private bool Classify(int n, PdfObject before, PdfObject after, ModificationResult result)
    {
        var change = new ObjectChange(n, before, after);
        foreach (var rule in _policy.Rules)
            switch (rule.Apply(this, change, result))
            {
                case RuleOutcome.Judged: return true;
                case RuleOutcome.Unexplained: return false;
            }
        return false;
    }

    // ---------------------------------------------------------------- what the rules see

    /// <summary>The roles objects play in the signed revision being compared.</summary>
    internal Roles SignedRoles => _roles;

    /// <summary>The signed revision being compared.</summary>
    internal PdfRevisionView Old => _old;

    /// <summary>The final document.</summary>
    internal PdfRevisionView Final => _final;

    /// <summary>Whether the object decides what the signed or the final document shows (see <see cref="Significant"/>).</summary>
    internal bool IsSignificant(int n) => Significant(_old).Contains(n) || Significant(_final).Contains(n);

    /// <summary>Whether the signed document referenced the object.</summary>
    internal bool UsedWhenSigned(int n) => ReachableOld(_old).Contains(n);

    /// <summary>Whether the object belongs to the signed revision's structure tree.</summary>
    internal bool InStructureTree(int n) => (_roles.Struct ??= CollectStruct(_old)).Contains(n);

    /// <summary>Judges an empty signature field's appearance stream that changed.</summary>
    internal void JudgeEmptySignatureAppearance(int sigField, ModificationLevel grade, ModificationResult result)
    {
        // An empty signature field's appearance is redrawn when it is signed, and only then.
        if (_final.GetObject(sigField) is PdfDictionary sf && FieldWithValue(sf) is { } signedField && !ReusesSignedValue(signedField))
            result.Note(grade, "tampilan kolom tanda tangan yang ditandatangani");
        else
            result.Note(ModificationLevel.Annotations, $"tampilan kolom tanda tangan kosong {sigField} digambar ulang tanpa tanda tangan baru");
    }

    private Roles CollectRoles(PdfRevisionView v)
    {
        var roles = new Roles();
        if (v.Trailer["Root"] is PdfReference root) roles.Catalog = root.ObjectNumber;
        if (v.Trailer["Info"] is PdfReference info) roles.Info = info.ObjectNumber;
        var cat = v.Catalog;
        if (cat["Metadata"] is PdfReference md) roles.Metadata = md.ObjectNumber;
        if (cat["AcroForm"] is PdfReference af) roles.AcroForm = af.ObjectNumber;
        if (v.Resolve(cat["AcroForm"]) is PdfDictionary acro)
        {
            if (acro["Fields"] is PdfReference fr) roles.Fields = fr.ObjectNumber;
            if (v.Resolve(acro["Fields"]) is PdfArray fields) CollectSigFields(v, fields, roles);
        }
        if (cat["DSS"] is PdfReference dr) roles.Dss.Add(dr.ObjectNumber);
        if (v.Resolve(cat["DSS"]) is PdfDictionary dss)
        {
            foreach (var key in new[] { "Certs", "OCSPs", "CRLs", "VRI" })
            {
                if (dss[key] is PdfReference kr) roles.Dss.Add(kr.ObjectNumber);
                if (key == "VRI" && v.Resolve(dss[key]) is PdfDictionary vri)
                    foreach (var kv in vri)
                    {
                        if (kv.Value is PdfReference er) roles.Dss.Add(er.ObjectNumber);
                        if (v.Resolve(kv.Value) is PdfDictionary entry)
                            foreach (var ekv in entry) if (ekv.Value is PdfReference ar && v.Resolve(ar) is PdfArray) roles.Dss.Add(ar.ObjectNumber);
                    }
            }
        }
        foreach (var page in v.GetPages())
        {
            if (page.Reference is { } pr) roles.Pages[pr.ObjectNumber] = page.Index;
            if (page.Dictionary["Annots"] is PdfReference ar) roles.AnnotArrays.Add(ar.ObjectNumber);
            if (v.Resolve(page.Dictionary["Annots"]) is PdfArray annots)
                foreach (var a in annots) if (a is PdfReference r) roles.Annotations.Add(r.ObjectNumber);
        }
        return roles;
    }

    private static void CollectSigFields(PdfRevisionView v, PdfArray fields, Roles roles)
    {
        var seen = new HashSet<PdfReference>();
        var stack = new Stack<(PdfObject, string?, int)>();
        foreach (var f in fields) stack.Push((f, null, 0));
        while (stack.Count > 0)
        {
            var (node, ft, depth) = stack.Pop();
            if (depth > 32 || seen.Count > 100_000) break;
            if (node is PdfReference r && !seen.Add(r)) continue;
            if (v.Resolve(node) is not PdfDictionary d) continue;
            var myFt = d.GetName("FT") ?? ft;
            if (v.Resolve(d["Kids"]) is PdfArray kids) foreach (var k in kids) stack.Push((k, myFt, depth + 1));
            if (myFt == "Sig" && d["V"] is null && node is PdfReference nr) roles.UnsignedSigFields.Add(nr.ObjectNumber);
            if (myFt is not null && myFt != "Sig" && node is PdfReference fr) roles.FormFields.Add(fr.ObjectNumber);
            // Appearance streams of field widgets: filling a field redraws them. Never a signed signature's:
            // what the signer's widget shows is fixed once signed.
            if (!(myFt == "Sig" && d["V"] is not null) && v.Resolve(d["AP"]) is PdfDictionary ap)
                foreach (var kv in ap)
                {
                    var streams = new List<PdfReference>();
                    if (kv.Value is PdfReference sr) streams.Add(sr);
                    else if (v.Resolve(kv.Value) is PdfDictionary states)
                        foreach (var st in states) if (st.Value is PdfReference str) streams.Add(str);
                    foreach (var x in streams)
                    {
                        if (myFt == "Sig" && node is PdfReference owner) roles.EmptySigAppearances.TryAdd(x.ObjectNumber, owner.ObjectNumber);
                        else if (myFt != "Sig") roles.Appearances.Add(x.ObjectNumber);
                    }
                }
        }
    }

    private HashSet<int> CollectStruct(PdfRevisionView v)
    {
        var set = new HashSet<int>();
        var start = v.Catalog["StructTreeRoot"];
        if (start is null) return set;
        var stack = new Stack<(PdfObject, int)>();
        stack.Push((start, 0));
        while (stack.Count > 0 && set.Count < 500_000)
        {
            var (o, depth) = stack.Pop();
            if (depth > 256) continue;
            if (o is PdfReference r)
            {
                if (!set.Add(r.ObjectNumber)) continue;
                o = v.GetObject(r);
            }
            switch (o)
            {
                case PdfArray a:
                    foreach (var x in a) if (x is PdfReference or PdfArray or PdfDictionary) stack.Push((x, depth + 1));
                    break;
                case PdfDictionary d:
                    // Structure only: never into pages, annotations, XObjects or marked content streams.
                    if (d.GetName("Type") is "Page" or "Annot" or "XObject") break;
                    foreach (var kv in d)
                        if (kv.Key is not ("Pg" or "Obj" or "Stm" or "StmOwn" or "P") && kv.Value is PdfReference or PdfArray or PdfDictionary)
                            stack.Push((kv.Value, depth + 1));
                    break;
            }
        }
        // Pages and annotations reached through MCR/OBJR dictionaries are not structure: remove any that slipped in.
        foreach (var p in v.GetPages()) if (p.Reference is { } pr) set.Remove(pr.ObjectNumber);
        return set;
    }

    /// <summary>Object numbers the final document references, from its trailer.</summary>
    private HashSet<int> ReachableFinal() => _reachableFinal ??= Reachable(_final, [_final.Trailer["Root"], _final.Trailer["Info"]], null);

    private HashSet<int> ReachableOld(PdfRevisionView old) => _reachableOld ??= Reachable(old, [old.Trailer["Root"], old.Trailer["Info"]], null);

    /// <summary>
    /// Objects that decide what <paramref name="v"/> shows or does: everything reachable from the catalog
    /// (page tree, page content and resources, names, outlines, optional content, actions...) except through
    /// the parts whose changes are judged on their own — DSS, XMP, the structure tree, the form (fields and
    /// their appearances), annotations — and back-pointers. An object in this set keeps no allowed role.
    /// </summary>
    private HashSet<int> Significant(PdfRevisionView v)
    {
        ref var cache = ref v == _final ? ref _significantFinal : ref _significantOld;
        if (cache is not null) return cache;
        var starts = new List<PdfObject?>();
        foreach (var kv in v.Catalog)
            if (kv.Key is not ("DSS" or "Metadata" or "StructTreeRoot" or "AcroForm" or "Perms" or "Extensions" or "Version" or "Type"))
                starts.Add(kv.Value);
        return cache = Reachable(v, starts, SkipForSignificant);
    }

    private static bool SkipForSignificant(string key) =>
        key is "Parent" or "P" or "Annots" or "Metadata" or "StructParent" or "StructParents" or "B" or "Thumb" or "PieceInfo" or "Pg" or "SE";

    /// <summary>
    /// Breadth-first walk over references from <paramref name="starts"/>. No depth limit: a depth-limited
    /// depth-first walk that meets an object first at the end of a long chain marks it seen without its
    /// children, and those children then look unused (a change to them "orphaned"). Bounded by the object count.
    /// </summary>
    private static HashSet<int> Reachable(PdfRevisionView v, IEnumerable<PdfObject?> starts, Func<string, bool>? skipKey)
    {
        var set = new HashSet<int>();
        var queue = new Queue<PdfObject>();
        foreach (var s in starts) if (s is not null) queue.Enqueue(s);
        int work = 0;
        while (queue.Count > 0 && ++work < 20_000_000)
        {
            var o = queue.Dequeue();
            if (o is PdfReference r)
            {
                if (!set.Add(r.ObjectNumber)) continue;
                try { o = v.GetObject(r); }
                catch (PdfException) { continue; }
            }
            switch (o)
            {
                case PdfArray a: foreach (var x in a) if (x is PdfReference or PdfArray or PdfDictionary or PdfStream) queue.Enqueue(x); break;
                case PdfStream st: queue.Enqueue(st.Dictionary); break;
                case PdfDictionary d:
                    if (skipKey is not null && d.GetName("Type") is "Annot" or "Catalog" or "Sig" or "DocTimeStamp") break;
                    foreach (var kv in d)
                        if ((skipKey is null || !skipKey(kv.Key)) && kv.Value is PdfReference or PdfArray or PdfDictionary or PdfStream) queue.Enqueue(kv.Value);
                    break;
            }
        }
        return set;
    }

    // bookkeepingGrade: the grade of the catalog entries that only carry validation data or metadata (DSS, ESIC
    // extensions, version, XMP), as the catalog rule of the policy says.
    internal void CompareCatalog(PdfDictionary before, PdfDictionary after, PdfRevisionView old, Roles roles, ModificationLevel bookkeepingGrade, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            var b = before[key];
            var a = after[key];
            if (Same(b, a)) continue;
            switch (key)
            {
                case "DSS": result.Note(bookkeepingGrade, "DSS"); break;
                case "Extensions": result.Note(bookkeepingGrade, "/Extensions (ESIC)"); break;
                case "Version": result.Note(bookkeepingGrade, "versi PDF"); break;
                case "Metadata": result.Note(bookkeepingGrade, "metadata XMP"); break;
                case "AcroForm":
                {
                    var ob = old.Resolve(b) as PdfDictionary ?? new PdfDictionary();
                    var na = _final.Resolve(a) as PdfDictionary;
                    if (na is null) { result.Note(ModificationLevel.Other, "/AcroForm dihapus dari katalog"); break; }
                    CompareAcroForm(ob, na, old, roles, result);
                    break;
                }
                default:
                    result.Note(ModificationLevel.Other, $"katalog dokumen: /{key} diubah");
                    break;
            }
        }
    }

    internal void CompareAcroForm(PdfDictionary before, PdfDictionary after, PdfRevisionView old, Roles roles, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            var b = before[key];
            var a = after[key];
            if (Same(b, a)) continue;
            switch (key)
            {
                case "Fields":
                    CompareFields(old.Resolve(b) as PdfArray ?? new PdfArray(), _final.Resolve(a) as PdfArray ?? new PdfArray(), old, result);
                    break;
                case "SigFlags": result.Note(ModificationLevel.LtaUpdates, "/SigFlags"); break;
                case "DR": case "DA": result.Note(ModificationLevel.FormFilling, "sumber daya formulir /" + key); break;
                case "NeedAppearances" when _final.Resolve(a) is not PdfBoolean { Value: true }: result.Note(ModificationLevel.FormFilling, "/NeedAppearances"); break;
                default: result.Note(ModificationLevel.Other, $"formulir (AcroForm): /{key} diubah"); break;
            }
        }
    }

    internal void CompareFields(PdfArray before, PdfArray after, PdfRevisionView old, ModificationResult result)
    {
        var afterSet = after.OfType<PdfReference>().ToHashSet();
        foreach (var f in before)
        {
            if (f is PdfReference r ? !afterSet.Contains(r) : !after.Any(x => Same(x, f)))
                result.Note(ModificationLevel.Other, "kolom formulir dihapus dari /Fields");
        }
        var beforeSet = before.OfType<PdfReference>().ToHashSet();
        foreach (var f in after)
        {
            if (f is PdfReference r && beforeSet.Contains(r)) continue;
            if (f is not PdfReference && before.Any(x => Same(x, f))) continue;
            JudgeNewField(f, result);
        }
    }

    private void JudgeNewField(PdfObject f, ModificationResult result)
    {
        if (_final.Resolve(f) is not PdfDictionary d) { result.Note(ModificationLevel.Other, "entri /Fields bukan kamus"); return; }
        var ft = d.GetName("FT");
        if (ft != "Sig" && d["Kids"] is null) { result.Note(ModificationLevel.Annotations, $"kolom formulir baru jenis {ft ?? "?"}"); return; }
        if (ft != "Sig")
        {
            result.Note(ModificationLevel.Annotations, "kolom formulir baru yang bukan kolom tanda tangan");
            return;
        }
        JudgeNewSignatureWidget(d, d, "kolom", result);
    }

    /// <summary>
    /// A signature field or document-timestamp widget added after signing is judged by what it shows, whatever its
    /// field type claims: one that can paint on the page (an area, as the most lenient viewer reads /Rect; its
    /// Hidden, NoView and Print flags do not count, since printing or a script shows it anyway) is allowed only for
    /// a new signature that this file really carries. One whose /V is missing, dangling, empty or not a signature
    /// dictionary, and a document timestamp (which has no signer to vouch for a drawing), paints unvouched content.
    /// </summary>
    private void JudgeNewSignatureWidget(PdfDictionary field, PdfDictionary widget, string where, ModificationResult result)
    {
        if (field["V"] is not null and not PdfNull && ReusesSignedValue(field))
        {
            result.Note(ModificationLevel.Annotations, $"{where}: kolom/widget tanda tangan baru memakai kembali nilai tanda tangan yang sudah ada (tanpa tanda tangan baru)");
            return;
        }
        var (shows, why) = Paints(widget);
        bool realValue = HasSignatureValue(field);
        bool dts = realValue && IsDts(field);
        if (!realValue)
        {
            if (shows) result.Note(ModificationLevel.Annotations, $"{where}: widget tanda tangan tanpa tanda tangan yang sah (/V kosong, hilang atau bukan kamus tanda tangan) dapat menggambar di atas halaman{why}");
            else result.Note(ModificationLevel.FormFilling, "kolom tanda tangan kosong tak terlihat");
            return;
        }
        if (dts)
        {
            if (shows) result.Note(ModificationLevel.Annotations, $"{where}: widget stempel waktu dokumen dapat menggambar di atas halaman{why}");
            else result.Note(ModificationLevel.LtaUpdates, "stempel waktu dokumen baru");
            return;
        }
        result.Note(ModificationLevel.FormFilling, "kolom tanda tangan baru");
    }

    /// <summary>The field's /V resolves to a signature dictionary with a /ByteRange array and a non-empty /Contents string.</summary>
    private bool HasSignatureValue(PdfDictionary field)
    {
        var holder = FieldWithValue(field);
        if (holder is null || _final.Resolve(holder["V"]) is not PdfDictionary v) return false;
        return _final.Resolve(v["ByteRange"]) is PdfArray { Count: 4 }
            && _final.Resolve(v["Contents"]) is PdfString c && c.Value.Length > 0 && c.Value.IndexOfAnyExcept((byte)0) >= 0;
    }

    /// <summary>
    /// Whether a widget can put anything on the page when viewed or printed: it has an area as lenient viewers read
    /// /Rect. A number some viewers read otherwise (several signs) or a /Rect that is not four plain numbers is
    /// ambiguous and counts as an area. The text says what made it so, for the report.
    /// </summary>
    private (bool Shows, string Why) Paints(PdfDictionary widget)
    {
        if (_final.Resolve(widget["Rect"]) is not PdfArray rect) return (false, "");
        if (rect.Count != 4) return (true, " (/Rect tidak berisi empat angka)");
        var n = new double[4];
        for (int i = 0; i < 4; i++)
        {
            switch (_final.Resolve(rect[i]))
            {
                case PdfInteger pi: n[i] = pi.Value; break;
                case PdfReal { IsAmbiguous: true }: return (true, " (/Rect memuat angka yang dibaca berbeda oleh penampil PDF)");
                case PdfReal pr when double.IsFinite(pr.Value): n[i] = pr.Value; break;
                default: return (true, " (/Rect memuat nilai yang bukan angka)");
            }
        }
        bool area = Math.Abs(n[2] - n[0]) > 0.01 && Math.Abs(n[3] - n[1]) > 0.01;
        if (!area) return (false, "");
        string flags = _final.Resolve(widget["F"]) switch
        {
            PdfInteger f when f.Value < 0 || f.Value > uint.MaxValue => " (/F di luar 32 bit: penampil membacanya berbeda)",
            PdfInteger f when (f.Value & (2 | 32)) != 0 => " (tersembunyi di layar tetapi dapat tampil saat dicetak atau lewat skrip)",
            _ => "",
        };
        return (true, flags);
    }

    /// <summary>The field (this widget itself or one of its /Parent fields) that holds a /V in the final document.</summary>
    private PdfDictionary? FieldWithValue(PdfDictionary? node)
    {
        for (int i = 0; i < 16 && node is not null; i++)
        {
            if (node["V"] is not null and not PdfNull) return node;
            node = _final.Resolve(node["Parent"]) as PdfDictionary;
        }
        return null;
    }

    /// <summary>
    /// A signature field added later must carry a signature made later: its /V naming a dictionary that already
    /// existed when the earlier signature was made gives it a widget (possibly visible) without any new signature.
    /// </summary>
    private bool ReusesSignedValue(PdfDictionary field) =>
        field["V"] is PdfReference vr && _old.GetEntry(vr.ObjectNumber) is { Type: not PdfXrefEntryType.Free };

    private bool IsDts(PdfDictionary sigField)
    {
        if (_final.Resolve(sigField["V"]) is not PdfDictionary v) return false;
        return v.GetName("Type") == "DocTimeStamp" || v.GetName("SubFilter") == "ETSI.RFC3161";
    }

    private ModificationLevel SigValueLevel(PdfDictionary sigField) =>
        IsDts(sigField) ? ModificationLevel.LtaUpdates : ModificationLevel.FormFilling;

    internal void CompareSigFieldFill(int n, PdfDictionary before, PdfDictionary after, ModificationResult result)
    {
        if (FieldWithValue(after) is { } withValue && ReusesSignedValue(withValue))
        {
            result.Note(ModificationLevel.Annotations, $"kolom tanda tangan {n} diisi dengan nilai tanda tangan yang sudah ada (tanpa tanda tangan baru)");
            return;
        }
        if (FieldWithValue(after) is null && before.Keys.Union(after.Keys).Any(k => k is "AP" or "MK" or "F" && !Same(before[k], after[k])))
        {
            result.Note(ModificationLevel.Annotations, $"tampilan kolom tanda tangan kosong {n} diubah tanpa tanda tangan baru");
            return;
        }
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            if (Same(before[key], after[key])) continue;
            if (key is "V" or "AP" or "AS" or "MK" or "DA" or "F" or "Lock" or "SV") continue;
            result.Note(ModificationLevel.Other, $"kolom tanda tangan {n}: /{key} diubah");
        }
        result.Note(SigValueLevel(after), IsDts(after) ? "stempel waktu dokumen pada kolom yang ada" : "penandatanganan kolom tanda tangan yang sudah ada");
    }

    internal void CompareFormFill(int n, PdfDictionary before, PdfDictionary after, ModificationLevel grade, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            if (Same(before[key], after[key])) continue;
            if (key is "V" or "AP" or "AS") continue;
            result.Note(ModificationLevel.Other, $"kolom formulir {n}: /{key} diubah");
        }
        result.FormFieldsFilled = true;
        result.Note(grade, "pengisian kolom formulir");
    }

    internal void ComparePage(int index, PdfDictionary before, PdfDictionary after, PdfRevisionView old, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            var b = before[key];
            var a = after[key];
            if (Same(b, a)) continue;
            if (key == "Annots")
                CompareAnnots(old.Resolve(b) as PdfArray ?? new PdfArray(), _final.Resolve(a) as PdfArray ?? new PdfArray(), old, $"halaman {index + 1}", result);
            else
                result.Note(ModificationLevel.Other, $"halaman {index + 1}: /{key} diubah (isi atau tampilan halaman)");
        }
    }

    internal void CompareAnnots(PdfArray before, PdfArray after, PdfRevisionView old, string where, ModificationResult result)
    {
        var afterRefs = after.OfType<PdfReference>().ToHashSet();
        foreach (var x in before)
            if (x is PdfReference r ? !afterRefs.Contains(r) : !after.Any(y => Same(x, y)))
                result.Note(ModificationLevel.Annotations, $"{where}: anotasi dihapus");
        var beforeRefs = before.OfType<PdfReference>().ToHashSet();
        foreach (var x in after)
        {
            if (x is PdfReference r && beforeRefs.Contains(r)) continue;
            if (x is not PdfReference && before.Any(y => Same(x, y))) continue;
            JudgeNewAnnotation(x, where, result);
        }
    }

    private void JudgeNewAnnotation(PdfObject x, string where, ModificationResult result)
    {
        if (_final.Resolve(x) is not PdfDictionary a) { result.Note(ModificationLevel.Annotations, $"{where}: entri /Annots yang bukan kamus"); return; }
        var subtype = a.GetName("Subtype");
        if (subtype == "Widget")
        {
            // The field of a widget is itself (merged) or its /Parent chain.
            PdfDictionary? field = a;
            string? ft = a.GetName("FT");
            var cur = a;
            for (int i = 0; i < 16 && ft is null && _final.Resolve(cur["Parent"]) is PdfDictionary p; i++) { cur = p; ft = p.GetName("FT"); field = p; }
            if (ft == "Sig" && field is not null)
            {
                JudgeNewSignatureWidget(field, a, where, result);
                return;
            }
            result.Note(ModificationLevel.Annotations, $"{where}: widget formulir baru ({ft ?? "?"}) ditambahkan");
            return;
        }
        result.Note(ModificationLevel.Annotations, $"{where}: anotasi baru /{subtype ?? "?"} ditambahkan (dapat menggambar di atas halaman)");
    }

    // ---------------------------------------------------------------- what other viewers could read

    private List<string>? _fileFindings;
    private readonly Dictionary<long, List<string>> _rebuildFindings = new();

    /// <summary>
    /// Where a viewer could read this file differently from the cross-reference chain DocSign reads: object
    /// definitions a viewer that rebuilds the cross-reference (because a startxref or table is not as every viewer
    /// accepts it) would take instead; the bytes after signing that hold object headers their xref does not index
    /// (an XMP stream or an /Info string carrying "5 0 obj"); a linearized file whose first-page cross-reference
    /// disagrees with the main chain, or is made authoritative by padding the file to /L. Each is a finding.
    /// </summary>
    private IEnumerable<string> ViewerFindings(int signedRevision)
    {
        if (_fileFindings is null)
        {
            _fileFindings = new List<string>();
            LinearizationFindings(_fileFindings);
            if (_file.Revisions.Any(r => r.Leniencies.Count > 0))
            {
                var notes = _file.Revisions.SelectMany(r => r.Leniencies).Take(3);
                foreach (var f in RebuildDifferences(0))
                    _fileFindings.Add(f + " (xref tidak baku: " + string.Join("; ", notes) + ")");
            }
        }
        foreach (var f in _fileFindings) yield return f;
        if (signedRevision < _file.Revisions.Count - 1)
            foreach (var f in RebuildDifferences(_file.Revisions[signedRevision].EndOffset)) yield return f;
    }

    /// <summary>
    /// Scans the raw bytes from <paramref name="from"/> to the end for object headers and compares the last
    /// definition of each number (the one a rebuilding viewer keeps) with the chain's binding.
    /// </summary>
    private List<string> RebuildDifferences(long from)
    {
        if (_rebuildFindings.TryGetValue(from, out var cached)) return cached;
        var list = new List<string>();
        _rebuildFindings[from] = list;
        var sections = new HashSet<long>(_file.Revisions.SelectMany(r => r.SectionOffsets));
        var lastHeader = new Dictionary<int, PdfObjectHeader>();
        foreach (var h in _file.ScanObjectHeaders(from, _file.Length))
            if (!sections.Contains(h.Offset)) lastHeader[h.ObjectNumber] = h;
        foreach (var (n, h) in lastHeader.OrderBy(kv => kv.Key))
        {
            var e = _final.GetEntry(n);
            bool differs = e switch
            {
                { Type: PdfXrefEntryType.InUse } u => HeaderAt(u.Offset) != h.Offset,
                { Type: PdfXrefEntryType.Compressed } c => _final.GetEntry(c.ObjectStreamNumber) is not { Type: PdfXrefEntryType.InUse } os || HeaderAt(os.Offset) < h.Offset,
                _ => ReachableFinal().Contains(n),
            };
            if (!differs) continue;
            if (list.Count < 20)
                list.Add($"definisi objek {n} di byte {h.Offset} tidak dipakai rantai xref, tetapi pembaca PDF yang membangun ulang xref dengan memindai berkas akan memakainya (isi tersembunyi)");
        }
        return list;
    }

    /// <summary>Where the object an xref entry names really starts: producers (PDFBox among them) point at the end-of-line before it.</summary>
    private long HeaderAt(long offset)
    {
        if (offset < 0 || offset >= _file.Length) return offset;
        Span<byte> buf = stackalloc byte[64];
        using var s = _file.OpenRange(offset, Math.Min(buf.Length, _file.Length - offset));
        int n = s.Read(buf);
        int k = 0;
        while (k < n && buf[k] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0) k++;
        return offset + k;
    }

    private void LinearizationFindings(List<string> list)
    {
        var lin = _file.Linearization;
        if (lin is null) return;
        long end = _file.Revisions[^1].EndOffset;
        if (_file.Length > end)
            list.Add($"berkas terlinearisasi memuat {_file.Length - end} byte setelah %%EOF terakhir: pembaca dapat lebih memercayai xref halaman pertama");
        if (lin.DeclaredLength == _file.Length && _file.Revisions.Count > 1)
            list.Add("panjang berkas sama dengan /L linearisasi walaupun ada revisi tambahan: pembaca dapat memakai xref halaman pertama dan mengabaikan revisi");
        if (lin.FirstPageEntries is null)
        {
            if (lin.DeclaredLength == _file.Length) list.Add("xref halaman pertama berkas terlinearisasi tidak dapat dibaca: " + lin.Problem);
            return;
        }
        var original = _file.AtRevision(0);
        foreach (var (n, e) in lin.FirstPageEntries)
        {
            if (n == 0 || e.Type == PdfXrefEntryType.Free) continue;
            var chain = original.GetEntry(n);
            if (chain is { } c && c.Type == e.Type && c.ObjectStreamNumber == e.ObjectStreamNumber && c.IndexInStream == e.IndexInStream
                && (c.Offset == e.Offset || HeaderAt(c.Offset) == HeaderAt(e.Offset))) continue;
            list.Add($"xref halaman pertama (linearisasi) menunjuk objek {n} ke isi lain daripada rantai xref utama");
            if (list.Count > 20) break;
        }
    }
}
