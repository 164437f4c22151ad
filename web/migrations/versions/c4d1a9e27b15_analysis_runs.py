"""analysis runs: the capacity curve and scenario comparisons of the analysis page

Revision ID: c4d1a9e27b15
Revises: 35505f228de2
Create Date: 2026-11-29 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4d1a9e27b15"
down_revision = "35505f228de2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "analysis_run",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("asked", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("time_limit_s", sa.Float(), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("level_label", sa.String(length=200), nullable=False),
        sa.Column("best", sa.Float(), nullable=True),
        sa.Column("bound", sa.Float(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("stop_requested", sa.Boolean(), nullable=False),
        sa.Column("error_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analysis_run")),
    )


def downgrade():
    op.drop_table("analysis_run")
