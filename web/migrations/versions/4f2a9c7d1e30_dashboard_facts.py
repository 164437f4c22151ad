"""dashboard facts: what the dashboard shows of a run, stored with it; a run's exported workbook kept; indexes the
pages' queries use

Revision ID: 4f2a9c7d1e30
Revises: f3a9c1d27e40
Create Date: 2026-12-01 20:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "4f2a9c7d1e30"
down_revision = "f3a9c1d27e40"
branch_labels = None
depends_on = None

# Foreign keys the pages look up by: a teacher's requests, a group's requests, a helper's availability.
INDEXED = (("requests", "teacher_id"), ("requests", "group_id"), ("availability", "helper_id"))


def upgrade():
    # Runs stored before keep NULL: the dashboard works their facts out on the first view and keeps them.
    with op.batch_alter_table("plan_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dashboard_facts", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_plan_run_published_at"), ["published_at"], unique=False)
    for table, column in INDEXED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)
    op.create_table(
        "export_cache",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["plan_run.id"], name=op.f("fk_export_cache_run_id_plan_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_cache")),
    )
    with op.batch_alter_table("export_cache", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_cache_run_id"), ["run_id"], unique=False)


def downgrade():
    with op.batch_alter_table("export_cache", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_cache_run_id"))
    op.drop_table("export_cache")
    for table, column in INDEXED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
    with op.batch_alter_table("plan_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_run_published_at"))
        batch_op.drop_column("dashboard_facts")
