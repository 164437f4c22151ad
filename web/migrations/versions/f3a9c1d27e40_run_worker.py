"""runs apart from the web: the run slot, the workers' heartbeats, who runs a run

Revision ID: f3a9c1d27e40
Revises: d81f0c3a5b62
Create Date: 2026-12-01 20:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f3a9c1d27e40"
down_revision = "d81f0c3a5b62"
branch_labels = None
depends_on = None

RUN_TABLES = ("plan_run", "analysis_run")
INTERRUPTED_TEXT = "Deze berekening is onderbroken door een update van Handenplanner. Start een nieuwe."


def upgrade():
    op.create_table(
        "run_slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_table", sa.String(length=32), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_slot")),
    )
    op.execute("INSERT INTO run_slot (id) VALUES (1)")
    op.create_table(
        "run_worker",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("beat_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_worker")),
    )
    for table in RUN_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("worker_id", sa.String(length=64), nullable=True))
        # A run of the web's former background thread holds no slot and has no worker: it ended with its server.
        op.execute(
            sa.text(
                f"UPDATE {table} SET status = 'failed', error_text = :text WHERE status IN ('queued', 'running')"
            ).bindparams(text=INTERRUPTED_TEXT)
        )
    with op.batch_alter_table("analysis_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scenario_workbook", sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table("analysis_run", schema=None) as batch_op:
        batch_op.drop_column("scenario_workbook")
    for table in reversed(RUN_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("worker_id")
    op.drop_table("run_worker")
    op.drop_table("run_slot")
