using DocSign.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> e)
    {
        e.ToTable("JobRecords");
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(JobRecord.MaxNameLength);
        e.Property(x => x.Group).HasMaxLength(JobRecord.MaxNameLength).IsRequired();
        e.Property(x => x.LastError).HasMaxLength(JobRecord.MaxErrorLength);
        e.Property(x => x.LastResult).HasMaxLength(JobRecord.MaxResultLength);
        e.Property(x => x.LeaseOwner).HasMaxLength(JobRecord.MaxOwnerLength);
    }
}
