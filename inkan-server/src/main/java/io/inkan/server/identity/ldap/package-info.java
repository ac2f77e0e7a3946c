/**
 * Directory groups (LDAP / Active Directory) mapped to project roles (A7, decision 006), so an organisation
 * manages signers and approvers where it already manages people. The directory only adds roles to a
 * registered principal, never admits one, and a directory that cannot be reached grants nothing.
 */
package io.inkan.server.identity.ldap;
