variable "organization_id" {
  type        = string
  description = "The AWS Organizations id (o-...)."
}

variable "management_account_id" {
  type        = string
  description = "The organization's management account: the organization trail lives there."
}

variable "central_account_id" {
  type        = string
  description = "The central (tooling) account: the buses and the tagger function live there."
}

variable "dev_account_id" {
  type        = string
  description = "A member account covered in both regions."
}

variable "sandbox_account_id" {
  type        = string
  description = "A member account covered in eu-west-1 only."
}

variable "deploy_role_name" {
  type        = string
  default     = "OrganizationAccountAccessRole"
  description = "The role this configuration assumes in the central and member accounts."
}

variable "management_deploy_role_name" {
  type        = string
  description = "The role this configuration assumes in the management account (it has no OrganizationAccountAccessRole)."
}

variable "name_prefix" {
  type        = string
  default     = "auto-tag"
  description = "Prefix of every name auto-tag creates."
}
