using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

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
    private DocumentRoles _roles = null!;
    private readonly ModificationPolicy _policy;
    private readonly ViewerReadings _viewers;

    /// <summary>Whether two objects (signed, final) read the same (see <see cref="PdfCompare"/>).</summary>
    internal bool Same(PdfObject? a, PdfObject? b) => _cmp.Equal(a, b);

    public ModificationAnalyzer(PdfFile file, ModificationPolicy policy)
    {
        _file = file;
        _policy = policy;
        _final = file.Latest;
        _viewers = new ViewerReadings(file, ReachableFinal);
    }

    /// <summary>What changed after revision <paramref name="signedRevision"/> (0 = original), up to the final document.</summary>
    public ModificationResult Analyze(int signedRevision)
    {
        var result = new ModificationResult();
        _reachableOld = null; _significantOld = null; _signedContent.Clear(); // per signed revision
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
        foreach (var finding in _viewers.Findings(signedRevision)) result.Note(ModificationLevel.Other, finding);
        if (signedRevision >= last) return result;
        _cmp = new PdfCompare(_file, old, _final);
        _old = old;
        var roles = _roles = DocumentRoles.Collect(old);

        var touched = new SortedSet<int>();
        for (int r = signedRevision + 1; r <= last; r++)
            foreach (var n in _file.Revisions[r].Entries.Keys) if (n > 0) touched.Add(n);

        for (int r = signedRevision + 1; r <= last; r++)
            foreach (var dup in XrefTableScanner.DuplicateObjectNumbers(_file, _file.Revisions[r]).Union(_file.Revisions[r].DuplicateObjectNumbers).Distinct())
                result.Note(ModificationLevel.Other, $"revisi {r + 1} menyebut objek {dup} lebih dari sekali dalam satu tabel xref (pembaca PDF dapat memilih entri yang berbeda)");
        for (int r = signedRevision + 1; r <= last; r++)
            foreach (var n in _file.Revisions[r].FreedAndRestatedObjectNumbers)
                result.Note(ModificationLevel.Other, $"revisi {r + 1} membebaskan objek {n} di tabel xref tetapi menyatakannya lagi di /XRefStm (pembaca PDF yang berbeda melihat isi yang berbeda)");

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
            Rules.CatalogRule.CompareCatalog(this, old.Catalog, _final.Catalog, old, roles, _policy.Rules.FirstOrDefault(r => r.Id == ModificationRules.CatalogId)?.Grade ?? ModificationLevel.Other, result);
        if (_final.Trailer.ContainsKey("Encrypt") && !old.Trailer.ContainsKey("Encrypt"))
            result.Note(ModificationLevel.Other, "enkripsi ditambahkan setelah penandatanganan");

        if (freed.Count > 0 || unexplained.Count > 0)
        {
            var reachable = ReachableFinal();
            foreach (var n in freed)
                if (reachable.Contains(n)) result.Note(ModificationLevel.Other, $"objek {n} yang masih dirujuk dihapus setelah penandatanganan");
            foreach (var (n, what) in unexplained)
            {
                if (!reachable.Contains(n)) { result.Note(ModificationLevel.None, $"objek {n} yatim diubah (tidak dipakai dokumen)", listed: false); continue; }
                if (roles.Annotations.Contains(n) && Rules.AnnotationArrayRule.IsComment(old.GetObject(n)) && Rules.AnnotationArrayRule.IsComment(_final.GetObject(n)))
                {
                    result.NoteComment($"komentar (objek {n}) diubah setelah penandatanganan");
                    continue;
                }
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
    internal DocumentRoles SignedRoles => _roles;

    /// <summary>The signed revision being compared.</summary>
    internal PdfRevisionView Old => _old;

    /// <summary>The final document.</summary>
    internal PdfRevisionView Final => _final;

    /// <summary>Whether the object decides what the signed or the final document shows (see <see cref="Significant"/>).</summary>
    internal bool IsSignificant(int n) => Significant(_old).Contains(n) || Significant(_final).Contains(n);

    private readonly Dictionary<int, List<Box>> _signedContent = new();

    /// <summary>
    /// Whether what <paramref name="annotation"/> shows (its /Rect) lies over content of the signed page it is on
    /// (see <see cref="PageContentExtent"/>); an annotation whose page cannot be told is taken to be over content.
    /// </summary>
    internal bool CoversSignedContent(PdfDictionary annotation, PdfReference? self)
    {
        if (Box.FromRect(_final, annotation["Rect"]) is not { } rect) return true;
        int index = -1;
        if (annotation["P"] is PdfReference p && _roles.Pages.TryGetValue(p.ObjectNumber, out var i)) index = i;
        else if (self is not null)
        {
            var pages = _final.GetPages();
            for (int k = 0; k < pages.Count && index < 0; k++)
                if (_final.Resolve(pages[k].Dictionary["Annots"]) is PdfArray a && a.Any(x => self.Equals(x))) index = k;
        }
        var oldPages = _old.GetPages();
        if (index < 0 || index >= oldPages.Count) return true;
        if (!_signedContent.TryGetValue(index, out var boxes)) _signedContent[index] = boxes = PageContentExtent.Of(_old, oldPages[index]);
        return PageContentExtent.Covers(boxes, rect);
    }

    /// <summary>Whether the signed document referenced the object.</summary>
    internal bool UsedWhenSigned(int n) => ReachableOld(_old).Contains(n);

    /// <summary>Whether the object belongs to the signed revision's structure tree.</summary>
    internal bool InStructureTree(int n) => (_roles.Struct ??= DocumentRoles.CollectStruct(_old)).Contains(n);

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
        // What annotations other than form widgets show is shown content too (their appearances and resources):
        // the walk skips /Annots only to judge the annotations themselves elsewhere.
        foreach (var page in v.GetPages())
            if (v.Resolve(page.Dictionary["Annots"]) is PdfArray annots)
                foreach (var x in annots)
                    if (v.Resolve(x) is PdfDictionary annot && annot.GetName("Subtype") != "Widget" && annot["AP"] is { } ap)
                        starts.Add(ap);
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
        // NameMap: a resource dictionary (/Font, /XObject...) whose keys are names the producer chose: a font
        // called /P or /Metadata is content, so the skip keys apply only where they have their meaning.
        var queue = new Queue<(PdfObject O, bool NameMap)>();
        foreach (var s in starts) if (s is not null) queue.Enqueue((s, false));
        int work = 0;
        while (queue.Count > 0 && ++work < 20_000_000)
        {
            var (o, nameMap) = queue.Dequeue();
            if (o is PdfReference r)
            {
                if (!set.Add(r.ObjectNumber)) continue;
                try { o = v.GetObject(r); }
                catch (PdfException) { continue; }
            }
            switch (o)
            {
                case PdfArray a: foreach (var x in a) if (x is PdfReference or PdfArray or PdfDictionary or PdfStream) queue.Enqueue((x, false)); break;
                case PdfStream st: queue.Enqueue((st.Dictionary, false)); break;
                case PdfDictionary d:
                    if (!nameMap && skipKey is not null && d.GetName("Type") is "Annot" or "Catalog" or "Sig" or "DocTimeStamp") break;
                    foreach (var kv in d)
                        if ((nameMap || skipKey is null || !skipKey(kv.Key)) && kv.Value is PdfReference or PdfArray or PdfDictionary or PdfStream)
                            queue.Enqueue((kv.Value, !nameMap && kv.Key is "Font" or "XObject" or "ExtGState" or "ColorSpace" or "Pattern" or "Shading" or "Properties"));
                    break;
            }
        }
        return set;
    }
}
