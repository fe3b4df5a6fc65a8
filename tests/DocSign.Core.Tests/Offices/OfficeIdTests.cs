using DocSign.Core.Offices;

namespace DocSign.Core.Tests.Offices;

public sealed class OfficeIdTests
{
    [Theory]
    [InlineData("kanigaran")]
    [InlineData(" Kanigaran ")]
    [InlineData("KANIGARAN\t")]
    public void Every_spelling_of_an_office_is_one_id(string given)
    {
        var id = OfficeId.From(given);
        id.Value.ShouldBe("kanigaran");
        id.ShouldBe(OfficeId.From("kanigaran"));
        (id == OfficeId.From("Kanigaran")).ShouldBeTrue();
        string text = id;
        text.ShouldBe("kanigaran");
    }

    [Fact]
    public void Different_offices_differ()
    {
        (OfficeId.From("kanigaran") == OfficeId.From("candipuro")).ShouldBeFalse();
        OfficeId.From("kanigaran").GetHashCode().ShouldBe(OfficeId.From(" KANIGARAN").GetHashCode());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_id_is_empty_and_not_well_formed(string? given)
    {
        var id = OfficeId.From(given);
        id.IsEmpty.ShouldBeTrue();
        id.IsWellFormed.ShouldBeFalse();
        id.Value.ShouldBe("");
        OfficeId.FromOptional(given).ShouldBeNull();
        default(OfficeId).ShouldBe(id);
    }

    [Fact]
    public void An_id_longer_than_the_tables_hold_is_not_well_formed()
    {
        OfficeId.From(new string('a', OfficeId.MaxLength)).IsWellFormed.ShouldBeTrue();
        OfficeId.From(new string('a', OfficeId.MaxLength + 1)).IsWellFormed.ShouldBeFalse();
    }

    [Fact]
    public void The_text_helper_is_the_same_rule()
    {
        OfficeIds.Normalize(" Lumajang ").ShouldBe(OfficeId.From("lumajang").Value);
        OfficeId.FromOptional(" Lumajang ")!.Value.Value.ShouldBe("lumajang");
    }
}
