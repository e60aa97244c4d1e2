# One provider per account and region, each assuming the deploy role in its
# account and refusing any other account: a wrong credential can never
# apply to the wrong account. Global modules take any provider of their
# account; regional modules take the one of their region.

locals {
  deploy_role = {
    management = "arn:aws:iam::${var.management_account_id}:role/${var.management_deploy_role_name}"
    central    = "arn:aws:iam::${var.central_account_id}:role/${var.deploy_role_name}"
    dev        = "arn:aws:iam::${var.dev_account_id}:role/${var.deploy_role_name}"
    sandbox    = "arn:aws:iam::${var.sandbox_account_id}:role/${var.deploy_role_name}"
  }
}

provider "aws" {
  alias               = "management_eu_west_1"
  region              = "eu-west-1"
  allowed_account_ids = [var.management_account_id]
  assume_role {
    role_arn     = local.deploy_role.management
    session_name = "auto-tag"
  }
}

provider "aws" {
  alias               = "management_us_east_1"
  region              = "us-east-1"
  allowed_account_ids = [var.management_account_id]
  assume_role {
    role_arn     = local.deploy_role.management
    session_name = "auto-tag"
  }
}

provider "aws" {
  alias               = "central_eu_west_1"
  region              = "eu-west-1"
  allowed_account_ids = [var.central_account_id]
  assume_role {
    role_arn     = local.deploy_role.central
    session_name = "auto-tag"
  }
}

provider "aws" {
  alias               = "central_us_east_1"
  region              = "us-east-1"
  allowed_account_ids = [var.central_account_id]
  assume_role {
    role_arn     = local.deploy_role.central
    session_name = "auto-tag"
  }
}

provider "aws" {
  alias               = "dev_eu_west_1"
  region              = "eu-west-1"
  allowed_account_ids = [var.dev_account_id]
  assume_role {
    role_arn     = local.deploy_role.dev
    session_name = "auto-tag"
  }
}

provider "aws" {
  alias               = "dev_us_east_1"
  region              = "us-east-1"
  allowed_account_ids = [var.dev_account_id]
  assume_role {
    role_arn     = local.deploy_role.dev
    session_name = "auto-tag"
  }
}

provider "aws" {
  alias               = "sandbox_eu_west_1"
  region              = "eu-west-1"
  allowed_account_ids = [var.sandbox_account_id]
  assume_role {
    role_arn     = local.deploy_role.sandbox
    session_name = "auto-tag"
  }
}
