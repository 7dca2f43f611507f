namespace ImageWarmer.Core.Discovery;

/// <summary>How <c>imagewarmer pin</c> writes a digest into a declaration.</summary>
public enum DigestSiteKind
{
    /// <summary>The reference as written (<c>debian:bookworm-slim</c>, or with an old <c>@sha256:…</c>): pin writes it
    /// with <c>@digest</c> (replacing an old digest).</summary>
    Reference,

    /// <summary>A <c>digest:</c> field's value: pin replaces it.</summary>
    DigestField,

    /// <summary>A mapping without a <c>digest:</c> field: pin adds the line <c>digest: …</c> after the mapping's last line,
    /// indented like its other keys.</summary>
    NewDigestField,

    /// <summary>Pin cannot write here (the reference comes from an <c>ARG</c>, a flow mapping, an anchor…): it lists the
    /// declaration with the reason instead.</summary>
    Fixed,
}
