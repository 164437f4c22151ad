"""dashboard facts: what the dashboard shows of a run, stored with it; indexes the pages' queries use

Revision ID: 4f2a9c7d1e30
Revises: d81f0c3a5b62
Create Date: 2026-12-01 20:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "4f2a9c7d1e30"
down_revision = "d81f0c3a5b62"
branch_labels = None
depends_on = None


def upgrade():
    # Runs stored before keep NULL: the dashboard works their facts out on the first view and keeps them.
    with op.batch_alter_table("plan_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dashboard_facts", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("plan_run", schema=None) as batch_op:
        batch_op.drop_column("dashboard_facts")
