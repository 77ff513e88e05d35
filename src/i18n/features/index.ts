/*
 * Every feature's texts, each under its own key (`desk.*`, `lending.*`, `classes.*`, ...).
 * A new feature adds one import and one line below.
 */
import accounts from './accounts'
import classes from './classes'
import coordinator from './coordinator'
import desk from './desk'
import lending from './lending'
import appSettings from './app-settings'
import privacy from './privacy'
import trust from './trust'

export const featureMessages = {
  accounts,
  classes,
  coordinator,
  desk,
  lending,
  privacy,
  appSettings,
  trust,
}
