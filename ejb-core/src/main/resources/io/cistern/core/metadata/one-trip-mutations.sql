-- The commonest changes of a directory as one statement each, so that a CREATE, a REMOVE or a RENAME within one
-- directory is one round trip to PostgreSQL instead of the five to nine its JPA path needs (OneTripMutations).
-- Each function runs on a connection in autocommit mode: it is its own transaction.
--
-- The caller has already applied the POSIX rules in Java, against the directory's type, owner, group and mode as it
-- last saw them. Each function locks the directory's row first, as the JPA path does, and goes on only when that row
-- still has those values (and the handle's share and generation): otherwise it changes nothing and answers RETRY with
-- the row as it is, and the caller decides again or takes the JPA path. The rules are therefore never applied to
-- anything but the row the change is made on.
--
-- Every function answers one row: the outcome, the child it concerned, whether that child's inode was deleted, the
-- directory's size, mtime, ctime and change counter before the change, and then the directory's inode after it in the
-- order of InodeRows.COLUMNS. Outcomes: 0 DONE, 1 RETRY, 2 EXISTS (the new name is taken), 3 NOT_FOUND (no such
-- name), 4 IS_DIRECTORY (a REMOVE of a directory), 5 TAKE_JPA_PATH (a case these functions leave to JPA).
--
-- Replaced whole at the first such change after every start of the server ("create or replace"); a change of a
-- signature needs a new name.

create or replace function cistern_answer_v1(outcome int, child bigint, child_gone boolean, d inode, a inode)
returns table(r_outcome int, r_child bigint, r_child_gone boolean, r_before_size bigint, r_before_mtime bigint,
              r_before_ctime bigint, r_before_change bigint, r_id bigint, r_share_id bigint, r_type int, r_mode int,
              r_nlink int, r_uid int, r_gid int, r_size bigint, r_rdev bigint, r_atime_ns bigint, r_mtime_ns bigint,
              r_ctime_ns bigint, r_btime_ns bigint, r_change bigint, r_generation int)
language sql immutable as $$
  select outcome, child, child_gone, d.size, d.mtime_ns, d.ctime_ns, d.change, a.id, a.share_id, a.type, a.mode,
         a.nlink, a.uid, a.gid, a.size, a.rdev, a.atime_ns, a.mtime_ns, a.ctime_ns, a.btime_ns, a.change, a.generation
$$;

-- Locks the directory and says whether it is still the one the caller's rules were applied to.
create or replace function cistern_lock_directory_v1(p_dir bigint, p_share bigint, p_generation int, p_mode int,
                                                     p_uid int, p_gid int, out d inode, out unchanged boolean)
language plpgsql as $$
begin
  select * into d from inode i where i.id = p_dir for update;
  unchanged := found and d.share_id = p_share and d.generation = p_generation and d.type = 2
               and d.mode = p_mode and d.uid = p_uid and d.gid = p_gid;
end $$;

-- A regular file under a new name: CREATE. Its id, the entry's cookie, owner, group and mode come from the caller.
create or replace function cistern_create_file_v1(
    p_dir bigint, p_share bigint, p_dir_generation int, p_dir_mode int, p_dir_uid int, p_dir_gid int,
    p_name bytea, p_folded bytea, p_inode bigint, p_cookie bigint, p_mode int, p_uid int, p_gid int,
    p_generation int, p_now bigint, p_verifier bigint)
returns table(r_outcome int, r_child bigint, r_child_gone boolean, r_before_size bigint, r_before_mtime bigint,
              r_before_ctime bigint, r_before_change bigint, r_id bigint, r_share_id bigint, r_type int, r_mode int,
              r_nlink int, r_uid int, r_gid int, r_size bigint, r_rdev bigint, r_atime_ns bigint, r_mtime_ns bigint,
              r_ctime_ns bigint, r_btime_ns bigint, r_change bigint, r_generation int)
language plpgsql as $$
declare
  locked record;
  existing bigint;
  a inode;
begin
  locked := cistern_lock_directory_v1(p_dir, p_share, p_dir_generation, p_dir_mode, p_dir_uid, p_dir_gid);
  if not locked.unchanged then
    return query select * from cistern_answer_v1(1, null, false, locked.d, locked.d);
    return;
  end if;
  select e.child_id into existing from dirent e where e.parent_id = p_dir and e.name = p_name;
  if found then
    return query select * from cistern_answer_v1(2, existing, false, locked.d, locked.d);
    return;
  end if;
  insert into inode (id, share_id, parent_id, type, mode, uid, gid, nlink, size, atime_ns, mtime_ns, ctime_ns,
                     btime_ns, generation, rdev, change, create_verifier)
       values (p_inode, p_share, 0, 1, p_mode, p_uid, p_gid, 1, 0, p_now, p_now, p_now, p_now, p_generation, 0, 1,
               p_verifier);
  insert into dirent (cookie, parent_id, name, folded_name, child_id)
       values (p_cookie, p_dir, p_name, p_folded, p_inode);
  update inode i set mtime_ns = p_now, ctime_ns = p_now, change = i.change + 1 where i.id = p_dir returning i.* into a;
  return query select * from cistern_answer_v1(0, p_inode, false, locked.d, a);
end $$;

-- A name of a non-directory goes away: REMOVE. The file goes with its last name, releasing its blocks (each
-- reference one count, as FileBlocks.unmapAll counts them, and in the same order); otherwise its link count drops and its ctime records that.
create or replace function cistern_remove_file_v1(
    p_dir bigint, p_share bigint, p_dir_generation int, p_dir_mode int, p_dir_uid int, p_dir_gid int,
    p_name bytea, p_now bigint)
returns table(r_outcome int, r_child bigint, r_child_gone boolean, r_before_size bigint, r_before_mtime bigint,
              r_before_ctime bigint, r_before_change bigint, r_id bigint, r_share_id bigint, r_type int, r_mode int,
              r_nlink int, r_uid int, r_gid int, r_size bigint, r_rdev bigint, r_atime_ns bigint, r_mtime_ns bigint,
              r_ctime_ns bigint, r_btime_ns bigint, r_change bigint, r_generation int)
language plpgsql as $$
declare
  child_store bigint;
  locked record;
  entry dirent;
  child inode;
  dropped record;
  a inode;
begin
  locked := cistern_lock_directory_v1(p_dir, p_share, p_dir_generation, p_dir_mode, p_dir_uid, p_dir_gid);
  if not locked.unchanged then
    return query select * from cistern_answer_v1(1, null, false, locked.d, locked.d);
    return;
  end if;
  select * into entry from dirent e where e.parent_id = p_dir and e.name = p_name;
  if not found then
    return query select * from cistern_answer_v1(3, null, false, locked.d, locked.d);
    return;
  end if;
  -- locked as the JPA path locks it: the uploader locks a file before mapping blocks to it
  select * into child from inode i where i.id = entry.child_id for update;
  if child.type = 2 then
    return query select * from cistern_answer_v1(4, child.id, false, locked.d, locked.d);
    return;
  end if;
  delete from dirent e where e.cookie = entry.cookie;
  if child.nlink <= 1 then
    -- block by block through the block's key: a join of the file's pieces with block is planned blind (the
    -- planner cannot know how few they are) and may scan every block of the store for a file of one. In ascending
    -- hash, the order in which every transaction locks block rows (BlockIndex): the upload locks its files, then
    -- their blocks in that order, and a removal that took the blocks in another order could close a circle with it.
    -- The blocks are in the store of the file's share (null: the default store, 0).
    select coalesce(s.store_id, 0) into child_store from share s where s.id = child.share_id;
    for dropped in select f.hash, count(*) as n from file_block f where f.inode_id = child.id
                   group by f.hash order by f.hash loop
      update block b set refcount = greatest(b.refcount - dropped.n, 0), last_referenced = now()
       where b.store_id = coalesce(child_store, 0) and b.hash = dropped.hash;
    end loop;
    delete from file_block f where f.inode_id = child.id;
    delete from inode i where i.id = child.id;
  else
    update inode i set nlink = i.nlink - 1, ctime_ns = p_now, change = i.change + 1 where i.id = child.id;
  end if;
  update inode i set mtime_ns = p_now, ctime_ns = p_now, change = i.change + 1 where i.id = p_dir returning i.* into a;
  return query select * from cistern_answer_v1(0, child.id, child.nlink <= 1, locked.d, a);
end $$;

-- A new name within the same directory for a name whose new one is free: RENAME. The entry keeps its cookie, as the
-- JPA path keeps it; the moved inode's ctime records the rename. A taken new name is left to the JPA path, which
-- replaces files and empty directories.
create or replace function cistern_rename_within_v1(
    p_dir bigint, p_share bigint, p_dir_generation int, p_dir_mode int, p_dir_uid int, p_dir_gid int,
    p_from bytea, p_to bytea, p_to_folded bytea, p_now bigint)
returns table(r_outcome int, r_child bigint, r_child_gone boolean, r_before_size bigint, r_before_mtime bigint,
              r_before_ctime bigint, r_before_change bigint, r_id bigint, r_share_id bigint, r_type int, r_mode int,
              r_nlink int, r_uid int, r_gid int, r_size bigint, r_rdev bigint, r_atime_ns bigint, r_mtime_ns bigint,
              r_ctime_ns bigint, r_btime_ns bigint, r_change bigint, r_generation int)
language plpgsql as $$
declare
  locked record;
  entry dirent;
  a inode;
begin
  locked := cistern_lock_directory_v1(p_dir, p_share, p_dir_generation, p_dir_mode, p_dir_uid, p_dir_gid);
  if not locked.unchanged then
    return query select * from cistern_answer_v1(1, null, false, locked.d, locked.d);
    return;
  end if;
  select * into entry from dirent e where e.parent_id = p_dir and e.name = p_from;
  if not found then
    return query select * from cistern_answer_v1(3, null, false, locked.d, locked.d);
    return;
  end if;
  if exists (select 1 from dirent e where e.parent_id = p_dir and e.name = p_to) then
    return query select * from cistern_answer_v1(5, entry.child_id, false, locked.d, locked.d);
    return;
  end if;
  -- the moved inode's update locks it before the entry's row, in the order the JPA path takes them (Renaming)
  update inode i set ctime_ns = p_now, change = i.change + 1 where i.id = entry.child_id;
  update dirent e set name = p_to, folded_name = p_to_folded where e.cookie = entry.cookie;
  update inode i set mtime_ns = p_now, ctime_ns = p_now, change = i.change + 1 where i.id = p_dir returning i.* into a;
  return query select * from cistern_answer_v1(0, entry.child_id, false, locked.d, a);
end $$;
