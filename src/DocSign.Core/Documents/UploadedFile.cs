namespace DocSign.Core.Documents;

/// <summary>An upload as the web layer hands it over: a seekable stream (spooled to disk) and its length.</summary>
public sealed record UploadedFile(Stream Content, long Length, string? FileName);
