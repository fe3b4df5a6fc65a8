using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Accounts, offices, memberships, documents and versions. Hand-written (no design-time tooling here) and
/// provider-neutral: no column type names, so SQLite and PostgreSQL each map the CLR types their own way.
/// Both providers' annotations for identity columns are given; each provider ignores the other's.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261121220000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "AspNetUsers",
            columns: t => new
            {
                Id = t.Column<string>(nullable: false),
                DisplayName = t.Column<string>(maxLength: 200, nullable: false),
                IsAdministrator = t.Column<bool>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
                Email = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(nullable: false),
                PasswordHash = t.Column<string>(nullable: true),
                SecurityStamp = t.Column<string>(nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
                PhoneNumber = t.Column<string>(nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(nullable: false),
                TwoFactorEnabled = t.Column<bool>(nullable: false),
                LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = t.Column<bool>(nullable: false),
                AccessFailedCount = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        b.CreateTable(
            name: "Offices",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Offices", x => x.Id));

        b.CreateTable(
            name: "AspNetUserClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = t.Column<string>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "AspNetUserLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
                ProviderKey = t.Column<string>(maxLength: 128, nullable: false),
                ProviderDisplayName = t.Column<string>(nullable: true),
                UserId = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "AspNetUserTokens",
            columns: t => new
            {
                UserId = t.Column<string>(nullable: false),
                LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
                Name = t.Column<string>(maxLength: 128, nullable: false),
                Value = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "Documents",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Year = t.Column<int>(nullable: false),
                Kind = t.Column<string>(maxLength: 64, nullable: false),
                Title = t.Column<string>(maxLength: 300, nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Documents", x => x.Id);
                t.ForeignKey("FK_Documents_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "Memberships",
            columns: t => new
            {
                UserId = t.Column<string>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Role = t.Column<string>(maxLength: 32, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Memberships", x => new { x.UserId, x.OfficeId });
                t.ForeignKey("FK_Memberships_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_Memberships_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "DocumentVersions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                DocumentId = t.Column<Guid>(nullable: false),
                Number = t.Column<int>(nullable: false),
                Stage = t.Column<string>(maxLength: 16, nullable: false),
                UploadedBy = t.Column<string>(maxLength: 256, nullable: false),
                UploadedAt = t.Column<DateTimeOffset>(nullable: false),
                Note = t.Column<string>(maxLength: 2000, nullable: true),
                Size = t.Column<long>(nullable: false),
                Sha256 = t.Column<string>(maxLength: 64, nullable: false),
                ObjectKey = t.Column<string>(maxLength: 512, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DocumentVersions", x => x.Id);
                t.ForeignKey("FK_DocumentVersions_Documents_DocumentId", x => x.DocumentId, "Documents", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        b.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        b.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        b.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        b.CreateIndex("IX_Documents_OfficeId_Year", "Documents", ["OfficeId", "Year"]);
        b.CreateIndex("IX_DocumentVersions_DocumentId_Number", "DocumentVersions", ["DocumentId", "Number"], unique: true);
        b.CreateIndex("IX_DocumentVersions_ObjectKey", "DocumentVersions", "ObjectKey", unique: true);
        b.CreateIndex("IX_Memberships_OfficeId", "Memberships", "OfficeId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("DocumentVersions");
        b.DropTable("Memberships");
        b.DropTable("Documents");
        b.DropTable("AspNetUserTokens");
        b.DropTable("AspNetUserLogins");
        b.DropTable("AspNetUserClaims");
        b.DropTable("Offices");
        b.DropTable("AspNetUsers");
    }
}
