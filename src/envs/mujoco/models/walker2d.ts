/**
 * Our MJCF model of the planar biped of Gymnasium's Walker2d (v5). Written from the published
 * parameters: 2 ms time step with RK4; a torso capsule (0.4 m, radius 0.05) whose centre rests
 * 1.25 m above the ground, and two identical legs of thigh (0.45 m, radius 0.05), leg (0.5 m,
 * radius 0.04) and foot (0.2 m pointing forward from the ankle, radius 0.06); density 1000 kg/m³;
 * joint armature 0.01 and damping 0.1; ranges: thighs and legs [-150°, 0°], feet [-45°, 45°];
 * six motors with gear 100 and controls in [-1, 1]. Friction 0.7 by default, 0.9 on the torso,
 * thighs and legs, and both feet at 1.9 (v5 gives the right foot the left foot's friction). Only the ground
 * collides with the body; body parts never collide with each other. Frames are local.
 * @module
 */
const leg = (side: string, color: string) => `
      <body name="thigh${side}" pos="0 0 -0.2">
        <joint name="thigh${side}_joint" type="hinge" axis="0 -1 0" range="-150 0"/>
        <geom name="thigh${side}_geom" fromto="0 0 0 0 0 -0.45" size="0.05" friction="0.9" rgba="${color}"/>
        <body name="leg${side}" pos="0 0 -0.7">
          <joint name="leg${side}_joint" type="hinge" pos="0 0 0.25" axis="0 -1 0" range="-150 0"/>
          <geom name="leg${side}_geom" fromto="0 0 0.25 0 0 -0.25" size="0.04" friction="0.9" rgba="${color}"/>
          <body name="foot${side}" pos="0.1 0 -0.25">
            <joint name="foot${side}_joint" type="hinge" pos="-0.1 0 0" axis="0 -1 0" range="-45 45"/>
            <geom name="foot${side}_geom" fromto="-0.1 0 0 0.1 0 0" size="0.06" friction="1.9" rgba="${color}"/>
          </body>
        </body>
      </body>`;

export const WALKER2D_XML = `
<mujoco model="modelgym_walker2d">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option timestep="0.002" integrator="RK4"/>
  <default>
    <joint limited="true" armature="0.01" damping="0.1"/>
    <geom type="capsule" contype="1" conaffinity="0" condim="3" density="1000" friction="0.7 0.1 0.1"/>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="100"/>
  </default>
  <worldbody>
    <geom name="ground" type="plane" size="40 40 40" conaffinity="1"/>
    <body name="torso" pos="0 0 1.25">
      <joint name="rootx" type="slide" axis="1 0 0" limited="false" armature="0" damping="0"/>
      <joint name="rootz" type="slide" axis="0 0 1" ref="1.25" limited="false" armature="0" damping="0"/>
      <joint name="rooty" type="hinge" axis="0 1 0" limited="false" armature="0" damping="0"/>
      <geom name="torso_geom" fromto="0 0 0.2 0 0 -0.2" size="0.05" friction="0.9"/>${leg('', '0.8 0.6 0.4 1')}${leg(
        '_left',
        '0.7 0.3 0.6 1',
      )}
    </body>
  </worldbody>
  <actuator>
    <motor name="thigh_joint" joint="thigh_joint"/>
    <motor name="leg_joint" joint="leg_joint"/>
    <motor name="foot_joint" joint="foot_joint"/>
    <motor name="thigh_left_joint" joint="thigh_left_joint"/>
    <motor name="leg_left_joint" joint="leg_left_joint"/>
    <motor name="foot_left_joint" joint="foot_left_joint"/>
  </actuator>
</mujoco>
`;
