"""school version: a number the database raises on every change to the school, so pages can keep what they
work out until the school changes

Revision ID: a7c3e9f1b2d4
Revises: 4f2a9c7d1e30
Create Date: 2026-12-01 23:00:00

"""

import sqlalchemy as sa
from alembic import op

from web.store.school_version import install_version_triggers, remove_version_triggers

# revision identifiers, used by Alembic.
revision = "a7c3e9f1b2d4"
down_revision = "4f2a9c7d1e30"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "school_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_version")),
    )
    install_version_triggers(op.get_bind())


def downgrade():
    remove_version_triggers(op.get_bind())
    op.drop_table("school_version")
