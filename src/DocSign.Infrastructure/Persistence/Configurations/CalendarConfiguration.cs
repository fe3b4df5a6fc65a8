using DocSign.Core.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class OfficeCalendarSettingsConfiguration : IEntityTypeConfiguration<OfficeCalendarSettings>
{
    public void Configure(EntityTypeBuilder<OfficeCalendarSettings> e)
    {
        e.ToTable("OfficeCalendars");
        e.HasKey(x => x.OfficeId);
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.TimeZone).HasMaxLength(64).IsRequired();
        e.Property(x => x.Hours).HasMaxLength(OfficeCalendarSettings.MaxHoursLength);
        e.Property(x => x.RamadanHours).HasMaxLength(OfficeCalendarSettings.MaxHoursLength);
        e.Property(x => x.UpdatedBy).HasMaxLength(256).IsRequired();
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegionalHolidayConfiguration : IEntityTypeConfiguration<RegionalHoliday>
{
    public void Configure(EntityTypeBuilder<RegionalHoliday> e)
    {
        e.ToTable("RegionalHolidays");
        e.HasKey(x => x.Id);
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Name).HasMaxLength(RegionalHoliday.MaxNameLength).IsRequired();
        e.Property(x => x.AddedBy).HasMaxLength(256).IsRequired();
        e.HasIndex(x => new { x.OfficeId, x.Date }).IsUnique();
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
