/*
 * Every feature's texts, each under its own key (`desk.*`, `lending.*`, `classes.*`, ...).
 * A new feature adds one import and one line below.
 */
import accounts from './accounts'
import classes from './classes'
import coordinator from './coordinator'
import desk from './desk'
import appSettings from './app-settings'
import audit from './audit'
import lending from './lending'
import privacy from './privacy'
import trust from './trust'

export const featureMessages = {
  accounts,
  classes,
  coordinator,
  desk,
  appSettings,
  audit,
  lending,
  privacy,
  trust,
}
