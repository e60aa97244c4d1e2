output "central_bus_arns" {
  description = "The central bus of each region."
  value       = { "eu-west-1" = module.central_eu_west_1.bus_arn, "us-east-1" = module.central_us_east_1.bus_arn }
}

output "tagger_alias_arns" {
  description = "The tagger function's PROD alias in each region."
  value       = { "eu-west-1" = module.central_eu_west_1.alias_arn, "us-east-1" = module.central_us_east_1.alias_arn }
}

output "dead_letter_queue_urls" {
  description = "Where events the tagger could not handle wait, by region."
  value       = { "eu-west-1" = module.central_eu_west_1.dead_letter_queue_url, "us-east-1" = module.central_us_east_1.dead_letter_queue_url }
}

output "tagger_role_arns" {
  description = "The tagger role of each member account."
  value = {
    management = module.management_member.tagger_role_arn
    central    = module.central_member.tagger_role_arn
    dev        = module.dev.tagger_role_arn
    sandbox    = module.sandbox.tagger_role_arn
  }
}

output "org_trail_arn" {
  description = "The organization trail."
  value       = module.org_trail.trail_arn
}

output "reconcile_sweep_function_arn" {
  description = "The reconcile sweep, in the central account's eu-west-1."
  value       = module.central_sweep.sweep_function_arn
}
