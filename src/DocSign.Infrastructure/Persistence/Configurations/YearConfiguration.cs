using DocSign.Core.Reminders;
using DocSign.Core.StandIns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> e)
    {
        e.ToTable("Notices");
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(300).IsRequired();
        e.HasIndex(x => x.Key).IsUnique();
        e.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        e.Property(x => x.UserName).HasMaxLength(256).IsRequired();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.StepId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Kind).HasMaxLength(16).IsRequired();
        e.Property(x => x.Title).HasMaxLength(Notice.MaxTitleLength).IsRequired();
        e.Property(x => x.Body).HasMaxLength(Notice.MaxBodyLength).IsRequired();
        e.Property(x => x.Link).HasMaxLength(500).IsRequired();
        e.Property(x => x.EmailTo).HasMaxLength(256);
        e.Property(x => x.EmailLastError).HasMaxLength(Notice.MaxErrorLength);
        e.HasIndex(x => new { x.UserId, x.CreatedAt });
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.IsRead);
        e.Ignore(x => x.EmailPending);
    }
}

internal sealed class ActingAssignmentConfiguration : IEntityTypeConfiguration<ActingAssignment>
{
    public void Configure(EntityTypeBuilder<ActingAssignment> e)
    {
        e.ToTable("ActingAssignments");
        e.HasKey(x => x.Id);
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Post).HasMaxLength(32).IsRequired();
        e.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        e.Property(x => x.UserName).HasMaxLength(256).IsRequired();
        e.Property(x => x.PersonName).HasMaxLength(200).IsRequired();
        e.Property(x => x.Kind).HasConversion<int>();
        e.Property(x => x.DecreeNumber).HasMaxLength(ActingAssignment.MaxDecreeLength).IsRequired();
        e.Property(x => x.RecordedBy).HasMaxLength(256).IsRequired();
        e.Property(x => x.EndedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.OfficeId, x.StartsAtTicks });
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.Prefix);
    }
}

internal sealed class LkjipDeadlineSettingConfiguration : IEntityTypeConfiguration<Core.Calendar.LkjipDeadlineSetting>
{
    public void Configure(EntityTypeBuilder<Core.Calendar.LkjipDeadlineSetting> e)
    {
        e.ToTable("LkjipDeadlines");
        e.HasKey(x => x.OfficeId);
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.UpdatedBy).HasMaxLength(256).IsRequired();
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
