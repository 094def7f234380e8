package app.rapport.embeddedmongo;

import org.h2.mvstore.MVStore;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commits the MVStore for everybody, one commit at a time: a write that asks for the journal
 * ({@code j: true} or {@code w: "majority"}) waits until a commit that started after it has finished, and
 * every write that waits meanwhile shares the next one (group commit). The commit is run by the first
 * waiter that finds none running (a leader, so an acknowledgement needs no hand-over to another thread);
 * a background thread commits the other writes within {@link #JOURNAL_INTERVAL_MILLIS}, MongoDB's journal
 * interval.
 *
 * <p>A write command runs under the shared side of a read-write lock and a commit takes the exclusive
 * side, so a commit never captures half a command (a document without its index entries). With
 * {@code fsync} each commit is followed by {@link MVStore#sync()}, so an acknowledged write survives a
 * power loss, not just a crash of the process.
 */
final class GroupCommitter implements AutoCloseable {
    static final long JOURNAL_INTERVAL_MILLIS = 100;
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());

    private final MVStore store;
    private final boolean fsync;
    private final ReentrantReadWriteLock commandLock = new ReentrantReadWriteLock(true);
    private final ReentrantLock monitor = new ReentrantLock();
    private final Condition work = monitor.newCondition();
    private final Condition done = monitor.newCondition();
    private final Thread thread;

    /** Writes finished so far (a ticket each); guarded by the shared side of commandLock for ordering. */
    private long written;
    /** The highest ticket that is committed. */
    private long committed;
    /** Whether a commit is running (at most one at a time, by a waiter or by the background thread). */
    private boolean committing;
    private boolean running = true;
    private RuntimeException failure;
    private long commits;

    GroupCommitter(MVStore store, boolean fsync) {
        this.store = store;
        this.fsync = fsync;
        thread = new Thread(this::run, "mongo-group-commit");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs a command that changes the store, and returns its ticket for {@link #awaitCommitted}. */
    <T> T write(Supplier<T> command, long[] ticket) {
        commandLock.readLock().lock();
        try {
            return command.get();
        } finally {
            // a failed command may have changed something too: it gets committed like the others
            monitor.lock();
            try {
                ticket[0] = ++written;
            } finally {
                monitor.unlock();
            }
            commandLock.readLock().unlock();
        }
    }

    /**
     * Blocks until the write with this ticket is committed (and synced); throws if the commit failed. The
     * first waiter that finds no commit running runs one itself, for everybody who is waiting (no
     * hand-over to another thread on the path of an acknowledgement); the others wait for it.
     */
    void awaitCommitted(long ticket) {
        monitor.lock();
        try {
            while (committed < ticket) {
                if (failure != null) {
                    throw new IllegalStateException("the store could not commit: " + failure, failure);
                }
                if (!running) {
                    throw new IllegalStateException("the store is closing");
                }
                if (!committing) {
                    committing = true;
                    monitor.unlock();
                    try {
                        commitOnce();
                    } finally {
                        monitor.lock();
                        committing = false;
                        done.signalAll();
                    }
                } else {
                    done.awaitUninterruptibly();
                }
            }
        } finally {
            monitor.unlock();
        }
    }

    long commits() {
        monitor.lock();
        try {
            return commits;
        } finally {
            monitor.unlock();
        }
    }

    /** The background commit of writes that did not wait: within the journal interval. */
    private void run() {
        long interval = TimeUnit.MILLISECONDS.toNanos(JOURNAL_INTERVAL_MILLIS);
        while (true) {
            monitor.lock();
            try {
                work.awaitNanos(interval);
                if (!running) {
                    return;
                }
                if (written == committed || committing) {
                    continue;
                }
                committing = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                monitor.unlock();
            }
            try {
                commitOnce();
            } finally {
                monitor.lock();
                try {
                    committing = false;
                    done.signalAll();
                } finally {
                    monitor.unlock();
                }
            }
        }
    }

    private void commitOnce() {
        long target;
        try {
            commandLock.writeLock().lock();
            try {
                monitor.lock();
                try {
                    target = written;
                } finally {
                    monitor.unlock();
                }
                store.commit();
            } finally {
                commandLock.writeLock().unlock();
            }
            if (fsync) {
                store.sync();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "commit of the store failed", e);
            monitor.lock();
            try {
                failure = e;
                done.signalAll();
            } finally {
                monitor.unlock();
            }
            return;
        }
        monitor.lock();
        try {
            committed = Math.max(committed, target);
            commits++;
            done.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /** Commits what is written, stops the thread. The store itself is closed by its owner. */
    @Override
    public void close() {
        monitor.lock();
        try {
            running = false;
            work.signalAll();
            done.signalAll();
        } finally {
            monitor.unlock();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!store.isClosed()) {
            commandLock.writeLock().lock();
            try {
                store.commit();
                if (fsync) {
                    store.sync();
                }
            } finally {
                commandLock.writeLock().unlock();
            }
        }
    }
}
