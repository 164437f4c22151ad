"""publications: the history of published plans

Revision ID: d81f0c3a5b62
Revises: d7e3f1a0b9c2
Create Date: 2026-12-03 14:05:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d81f0c3a5b62"
down_revision = "d7e3f1a0b9c2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["plan_run.id"], name=op.f("fk_publication_run_id_plan_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
    )
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publication_run_id"), ["run_id"], unique=False)
    # Runs published before the history existed keep their (last) publication, by an unknown person.
    op.execute(
        "INSERT INTO publication (run_id, published_at, published_by) "
        "SELECT id, published_at, '' FROM plan_run WHERE published_at IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_run_id"))
    op.drop_table("publication")
