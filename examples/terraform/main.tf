# auto-tag for an organization: the management account, the central account
# and two member accounts, in eu-west-1 and us-east-1 (the sandbox account in
# eu-west-1 only). The management and central accounts are members too: their
# new resources need tags as well. Every module left at its defaults shares
# the names (name_prefix, tagger_role_name, tag_keys) the others find it by.

locals {
  regions = ["eu-west-1", "us-east-1"]
}

# Management account: the organization trail, in its home region.
module "org_trail" {
  source    = "../../terraform/modules/management-trail"
  providers = { aws = aws.management_eu_west_1 }

  organization_id    = var.organization_id
  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}

# Central account: the function's role once, the bus and the function in each
# region, and the reconcile sweep once, in the trail's region.
module "central_global" {
  source    = "../../terraform/modules/central-global"
  providers = { aws = aws.central_eu_west_1 }

  organization_id = var.organization_id
  regions         = local.regions
  name_prefix     = var.name_prefix
}

module "central_eu_west_1" {
  source    = "../../terraform/modules/central-regional"
  providers = { aws = aws.central_eu_west_1 }

  organization_id   = var.organization_id
  function_role_arn = module.central_global.function_role_arn
  name_prefix       = var.name_prefix
}

module "central_us_east_1" {
  source    = "../../terraform/modules/central-regional"
  providers = { aws = aws.central_us_east_1 }

  organization_id   = var.organization_id
  function_role_arn = module.central_global.function_role_arn
  name_prefix       = var.name_prefix
}

module "central_sweep" {
  source    = "../../terraform/modules/central-sweep"
  providers = { aws = aws.central_eu_west_1 }

  organization_id       = var.organization_id
  management_account_id = var.management_account_id
  name_prefix           = var.name_prefix
  # What every run sweeps: each account with the regions it covers, as below.
  accounts = [
    { id = var.management_account_id, regions = local.regions },
    { id = var.central_account_id, regions = local.regions },
    { id = var.dev_account_id, regions = local.regions },
    { id = var.sandbox_account_id, regions = ["eu-west-1"] },
  ]
}

# Member accounts: the tagger role and the access policies once, the
# forwarding rule in each covered region. IAM refuses a trust policy naming a
# role that does not exist yet, hence depends_on the central function's and
# the sweep's roles.

module "management_member" {
  source     = "../../terraform/modules/member-global"
  providers  = { aws = aws.management_eu_west_1 }
  depends_on = [module.central_global, module.central_sweep]

  account_id         = var.management_account_id
  organization_id    = var.organization_id
  central_account_id = var.central_account_id
  regions            = local.regions
  name_prefix        = var.name_prefix
}

module "management_eu_west_1" {
  source    = "../../terraform/modules/member-regional"
  providers = { aws = aws.management_eu_west_1 }

  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}

module "management_us_east_1" {
  source    = "../../terraform/modules/member-regional"
  providers = { aws = aws.management_us_east_1 }

  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}

module "central_member" {
  source     = "../../terraform/modules/member-global"
  providers  = { aws = aws.central_eu_west_1 }
  depends_on = [module.central_global, module.central_sweep]

  account_id         = var.central_account_id
  organization_id    = var.organization_id
  central_account_id = var.central_account_id
  regions            = local.regions
  name_prefix        = var.name_prefix
}

module "central_member_eu_west_1" {
  source    = "../../terraform/modules/member-regional"
  providers = { aws = aws.central_eu_west_1 }

  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}

module "central_member_us_east_1" {
  source    = "../../terraform/modules/member-regional"
  providers = { aws = aws.central_us_east_1 }

  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}

module "dev" {
  source     = "../../terraform/modules/member-global"
  providers  = { aws = aws.dev_eu_west_1 }
  depends_on = [module.central_global, module.central_sweep]

  account_id         = var.dev_account_id
  organization_id    = var.organization_id
  central_account_id = var.central_account_id
  regions            = local.regions
  name_prefix        = var.name_prefix
}

module "dev_eu_west_1" {
  source    = "../../terraform/modules/member-regional"
  providers = { aws = aws.dev_eu_west_1 }

  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}

module "dev_us_east_1" {
  source    = "../../terraform/modules/member-regional"
  providers = { aws = aws.dev_us_east_1 }

  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}

# The sandbox covers eu-west-1 only: its tagger role and policies act there alone.
module "sandbox" {
  source     = "../../terraform/modules/member-global"
  providers  = { aws = aws.sandbox_eu_west_1 }
  depends_on = [module.central_global, module.central_sweep]

  account_id         = var.sandbox_account_id
  organization_id    = var.organization_id
  central_account_id = var.central_account_id
  regions            = ["eu-west-1"]
  name_prefix        = var.name_prefix
  # The owner-only policy alone: no tag guard for the group here.
  tag_guard = false
}

module "sandbox_eu_west_1" {
  source    = "../../terraform/modules/member-regional"
  providers = { aws = aws.sandbox_eu_west_1 }

  central_account_id = var.central_account_id
  name_prefix        = var.name_prefix
}
