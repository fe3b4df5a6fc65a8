using DocSign.Core.Access;

namespace DocSign.Core.Letters;

/// <summary>Office members, auditors and the admin read a letter of the register.</summary>
public sealed class GetLetterHandler(ILetterRegister register)
{
    public Task<Letter> HandleAsync(Actor actor, Guid id, CancellationToken cancellationToken = default) =>
        LetterAccess.LoadReadableAsync(register, actor, id, cancellationToken);
}
