import { describe, expect, it } from 'vitest'
import { startApp, type Schedule } from '../../../src/early-form/start-app'

/** The built page's head: the entry and its imports named in meta tags, nothing loaded yet. */
function page(): Document {
  return new DOMParser().parseFromString('<html><head><meta name="digibalie-entry" content="/assets/index-a.js"><meta name="digibalie-preload" content="/assets/runtime-b.js /assets/domain-c.js"></head><body><div id="app"></div></body></html>', 'text/html')
}

/** What the page has asked for so far, in order. */
const asked = (doc: Document) => [...doc.head.querySelectorAll('script, link')].map(el => `${el.tagName === 'SCRIPT' ? 'entry' : (el as HTMLLinkElement).rel} ${el.getAttribute('src') ?? el.getAttribute('href')}`)

/** A schedule the test runs by hand: frames, and timers task by task in the order they were set. */
function manual() {
  const frames: Array<() => void> = []
  const timers: Array<{ fn: () => void, ms: number }> = []
  const schedule: Schedule = { frame: fn => void frames.push(fn), timer: (fn, ms) => void timers.push({ fn, ms }) }
  return {
    schedule,
    frame: () => frames.splice(0).forEach(fn => fn()),
    /** Runs the next timer of at most `ms`, as one task. */
    task: (ms = 0) => {
      const i = timers.findIndex(t => t.ms <= ms)
      if (i < 0)
        throw new Error('no task is due')
      timers.splice(i, 1)[0]!.fn()
    },
    pending: () => timers.length,
  }
}

describe('starting the app from the early script', () => {
  it('with nothing kept, asks for the entry and its imports at once, the imports first', () => {
    const doc = page()
    const s = manual()
    startApp(false, doc, s.schedule)
    expect(asked(doc)).toEqual(['modulepreload /assets/runtime-b.js', 'modulepreload /assets/domain-c.js', 'entry /assets/index-a.js'])
    expect(s.pending()).toBe(0)
  })

  it('with the kept form on screen, asks for nothing before its first frame, then for one file per task, the entry first', () => {
    const doc = page()
    const s = manual()
    startApp(true, doc, s.schedule)
    expect(asked(doc)).toEqual([])
    s.frame()
    s.task()
    // A tap on the kept form waits for one request at most, not for all three.
    expect(asked(doc)).toEqual(['entry /assets/index-a.js'])
    s.task()
    expect(asked(doc)).toEqual(['entry /assets/index-a.js', 'modulepreload /assets/runtime-b.js'])
    s.task()
    expect(asked(doc)).toEqual(['entry /assets/index-a.js', 'modulepreload /assets/runtime-b.js', 'modulepreload /assets/domain-c.js'])
    // The stand-in timer for a tab that draws no frames finds the app started: nothing twice.
    s.task(250)
    expect(asked(doc)).toHaveLength(3)
    expect(s.pending()).toBe(0)
  })

  it('in a hidden tab, which draws no frames, starts the app by its timer', () => {
    const doc = page()
    const s = manual()
    startApp(true, doc, s.schedule)
    s.task(250)
    expect(asked(doc)).toEqual(['entry /assets/index-a.js'])
    s.task()
    s.task()
    expect(asked(doc)).toHaveLength(3)
  })

  it('does nothing on a page that names no entry', () => {
    const doc = new DOMParser().parseFromString('<html><head></head><body></body></html>', 'text/html')
    const s = manual()
    startApp(true, doc, s.schedule)
    expect(s.pending()).toBe(0)
    startApp(false, doc, s.schedule)
    expect(asked(doc)).toEqual([])
  })
})
