"""subgroup free text

The workbook's `subgroep` column allows free text, so the column is as wide as `task`.

Revision ID: 8ee6db207c86
Revises: eea6070e87ab
Create Date: 2026-12-02 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8ee6db207c86"
down_revision = "eea6070e87ab"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.alter_column("subgroup", existing_type=sa.String(length=40), type_=sa.String(length=200))


def downgrade():
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.alter_column("subgroup", existing_type=sa.String(length=200), type_=sa.String(length=40))
